package dev.threadline.domain.rules;

import dev.threadline.domain.error.DomainRuleViolation;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** The rules about names, paths, git refs and setting keys. Each refusal names its rule. */
public final class Names {

    private static final Pattern SETTING_KEY = Pattern.compile("[a-z][a-z0-9_-]*(\\.[a-z][a-z0-9_-]*)*");

    private Names() {}

    /** A non-blank text, or a refusal naming the rule and the field. */
    public static String requireNonBlank(String rule, String field, String text) {
        if (text == null || text.isBlank()) {
            throw new DomainRuleViolation(rule, field + " must not be blank");
        }
        return text;
    }

    /** The normalized form of an absolute path, or a refusal. */
    public static String requireAbsolutePath(String path) {
        requireNonBlank("project-path-absolute", "a project's path", path);
        try {
            Path parsed = Path.of(path);
            if (!parsed.isAbsolute()) {
                throw new DomainRuleViolation(
                        "project-path-absolute", "a project's path must be absolute, not '" + path + "'");
            }
            return parsed.normalize().toString();
        } catch (InvalidPathException e) {
            throw new DomainRuleViolation("project-path-absolute", "'" + path + "' is not a valid path");
        }
    }

    /** A setting key that matches {@code [a-z][a-z0-9_-]*(.[a-z][a-z0-9_-]*)*}, or a refusal. */
    public static String requireSettingKey(String key) {
        if (key == null || !SETTING_KEY.matcher(key).matches()) {
            throw new DomainRuleViolation(
                    "setting-key-format",
                    "setting key '" + key + "' must be dotted lowercase identifiers, like ui.theme");
        }
        return key;
    }

    /** A ref name that {@code git check-ref-format} accepts (without options), or a refusal. */
    public static String requireGitRef(String ref) {
        String problem = gitRefProblem(ref);
        if (problem != null) {
            throw new DomainRuleViolation(
                    "checkpoint-git-ref", "'" + ref + "' is not a valid git ref name: " + problem);
        }
        return ref;
    }

    /** Why a name breaks the rules of {@code git check-ref-format}, or null when it does not. */
    public static String gitRefProblem(String ref) {
        if (ref == null || ref.isEmpty()) {
            return "it is empty";
        }
        if (ref.equals("@")) {
            return "it cannot be the single character '@'";
        }
        if (ref.startsWith("/") || ref.endsWith("/")) {
            return "it cannot begin or end with '/'";
        }
        if (!ref.contains("/")) {
            return "it needs at least one '/', like refs/threadline/cp-1";
        }
        if (ref.endsWith(".")) {
            return "it cannot end with '.'";
        }
        if (ref.contains("..")) {
            return "it cannot contain '..'";
        }
        if (ref.contains("//")) {
            return "it cannot contain '//'";
        }
        if (ref.contains("@{")) {
            return "it cannot contain '@{'";
        }
        for (int i = 0; i < ref.length(); i++) {
            char c = ref.charAt(i);
            if (c < 0x20 || c == 0x7F || " ~^:?*[\\".indexOf(c) >= 0) {
                return "it cannot contain control characters, spaces or any of ~ ^ : ? * [ \\";
            }
        }
        for (String component : ref.split("/")) {
            if (component.startsWith(".")) {
                return "no part of it can begin with '.'";
            }
            if (component.endsWith(".lock")) {
                return "no part of it can end with '.lock'";
            }
        }
        return null;
    }
}
