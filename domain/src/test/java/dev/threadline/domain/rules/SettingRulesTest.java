package dev.threadline.domain.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadline.domain.error.DomainRuleViolation;
import dev.threadline.domain.event.SettingChanged;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SettingRulesTest {

    private static final Instant AT = Instant.parse("2025-01-02T03:04:05Z");

    @Test
    void setting_a_well_formed_key_emits_setting_changed_with_the_value() {
        assertThat(SettingRules.set("ui.theme", "dark", AT)).isEqualTo(new SettingChanged("ui.theme", "dark", AT));
    }

    @Test
    void setting_a_malformed_key_is_refused() {
        assertThatThrownBy(() -> SettingRules.set("UI.Theme", "dark", AT))
                .isInstanceOfSatisfying(
                        DomainRuleViolation.class, e -> assertThat(e.rule()).isEqualTo("setting-key-format"));
    }

    @Test
    void unsetting_a_well_formed_key_emits_setting_changed_without_a_value() {
        assertThat(SettingRules.unset("agent.max_turns", AT))
                .isEqualTo(new SettingChanged("agent.max_turns", null, AT));
    }

    @Test
    void unsetting_a_malformed_key_is_refused() {
        assertThatThrownBy(() -> SettingRules.unset("a..b", AT))
                .isInstanceOfSatisfying(
                        DomainRuleViolation.class, e -> assertThat(e.rule()).isEqualTo("setting-key-format"));
    }
}
