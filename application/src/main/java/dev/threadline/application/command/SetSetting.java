package dev.threadline.application.command;

import dev.threadline.domain.rules.SettingRules;
import java.util.Objects;

/** Sets a global setting. */
public record SetSetting(String key, String value) implements Command {

    /** Checks that the required fields are present. */
    public SetSetting {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public Decision decide(CommandContext context) {
        return Decision.of(SettingRules.set(key, value, context.now()));
    }
}
