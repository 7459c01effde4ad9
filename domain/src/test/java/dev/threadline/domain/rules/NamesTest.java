package dev.threadline.domain.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadline.domain.error.DomainRuleViolation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"refs/heads/main", "refs/threadline/cp-1", "a/b", "refs/tags/v1.0", "a/b@c", "a/b.c"})
    void git_refs_that_git_check_ref_format_accepts_are_accepted(String ref) {
        assertThat(Names.gitRefProblem(ref)).isNull();
        assertThat(Names.requireGitRef(ref)).isEqualTo(ref);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "no slash            | main",
                "leading slash       | /refs/heads/main",
                "trailing slash      | refs/heads/main/",
                "double slash        | refs//main",
                "double dot          | refs/heads/a..b",
                "trailing dot        | refs/heads/main.",
                "component with dot  | refs/.hidden/main",
                "last component dot  | refs/heads/.main",
                "component .lock     | refs/heads/main.lock",
                "inner .lock         | refs/x.lock/main",
                "at brace            | refs/heads/a@{1}",
                "single at           | @",
                "space               | refs/heads/my branch",
                "tilde               | refs/heads/a~1",
                "caret               | refs/heads/a^",
                "colon               | refs/heads/a:b",
                "question mark       | refs/heads/a?",
                "asterisk            | refs/heads/a*",
                "open bracket        | refs/heads/a[b",
                "backslash           | refs\\heads/a",
            })
    void git_refs_breaking_a_rule_of_git_check_ref_format_are_refused(String why, String ref) {
        assertThat(Names.gitRefProblem(ref)).as(why).isNotNull();
        assertThatThrownBy(() -> Names.requireGitRef(ref))
                .isInstanceOfSatisfying(
                        DomainRuleViolation.class, e -> assertThat(e.rule()).isEqualTo("checkpoint-git-ref"));
    }

    @ParameterizedTest
    @ValueSource(chars = {'\u0000', '\u0001', '\t', '\n', '\u001f', '\u007f'})
    void git_refs_with_a_control_character_are_refused(char control) {
        String ref = "refs/heads/a" + control + "b";

        assertThat(Names.gitRefProblem(ref)).contains("control characters");
        assertThatThrownBy(() -> Names.requireGitRef(ref))
                .isInstanceOfSatisfying(
                        DomainRuleViolation.class, e -> assertThat(e.rule()).isEqualTo("checkpoint-git-ref"));
    }

    @Test
    void an_empty_or_missing_git_ref_is_refused() {
        assertThat(Names.gitRefProblem("")).isNotNull();
        assertThat(Names.gitRefProblem(null)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ui.theme", "a", "agent.max_turns", "x-y.z1"})
    void dotted_lowercase_setting_keys_are_accepted(String key) {
        assertThat(Names.requireSettingKey(key)).isEqualTo(key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ui.theme", ".a", "a.", "1a", "a..b", "", "a b", "a.1b", "ui/theme"})
    void setting_keys_that_are_not_dotted_lowercase_identifiers_are_refused(String key) {
        assertThatThrownBy(() -> Names.requireSettingKey(key))
                .isInstanceOfSatisfying(
                        DomainRuleViolation.class, e -> assertThat(e.rule()).isEqualTo("setting-key-format"));
    }

    @Test
    void a_missing_setting_key_is_refused() {
        assertThatThrownBy(() -> Names.requireSettingKey(null))
                .isInstanceOfSatisfying(
                        DomainRuleViolation.class, e -> assertThat(e.rule()).isEqualTo("setting-key-format"));
    }

    @Test
    void an_absolute_path_is_accepted_in_normalized_form() {
        assertThat(Names.requireAbsolutePath("/src/demo")).isEqualTo("/src/demo");
        assertThat(Names.requireAbsolutePath("/a/./b/../c")).isEqualTo("/a/c");
        assertThat(Names.requireAbsolutePath("/a//b/")).isEqualTo("/a/b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"src/demo", "./demo", "../demo", "demo"})
    void a_relative_path_is_refused(String path) {
        assertThatThrownBy(() -> Names.requireAbsolutePath(path))
                .isInstanceOfSatisfying(
                        DomainRuleViolation.class, e -> assertThat(e.rule()).isEqualTo("project-path-absolute"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n"})
    void a_blank_path_is_refused(String path) {
        assertThatThrownBy(() -> Names.requireAbsolutePath(path))
                .isInstanceOfSatisfying(
                        DomainRuleViolation.class, e -> assertThat(e.rule()).isEqualTo("project-path-absolute"));
    }

    @Test
    void a_path_with_a_nul_character_is_refused() {
        assertThatThrownBy(() -> Names.requireAbsolutePath("/a\u0000b"))
                .isInstanceOfSatisfying(
                        DomainRuleViolation.class, e -> assertThat(e.rule()).isEqualTo("project-path-absolute"));
    }

    @Test
    void a_blank_text_is_refused_under_the_given_rule() {
        assertThat(Names.requireNonBlank("some-rule", "a field", "x")).isEqualTo("x");
        assertThatThrownBy(() -> Names.requireNonBlank("some-rule", "a field", "  "))
                .isInstanceOfSatisfying(
                        DomainRuleViolation.class, e -> assertThat(e.rule()).isEqualTo("some-rule"))
                .hasMessageContaining("a field");
        assertThatThrownBy(() -> Names.requireNonBlank("some-rule", "a field", null))
                .isInstanceOf(DomainRuleViolation.class);
    }
}
