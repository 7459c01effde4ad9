package dev.threadline.application.command;

import dev.threadline.domain.error.NotFound;
import dev.threadline.domain.rules.SettingRules;
import java.util.Objects;

/** Removes a global setting. */
public record UnsetSetting(String key) implements Command {

    /** Checks that the required fields are present. */
    public UnsetSetting {
        Objects.requireNonNull(key, "key");
    }

    @Override
    public Decision decide(CommandContext context) {
        SettingRules.unset(key, context.now());
        if (context.setting(key).isEmpty()) {
            throw new NotFound("setting", "key", key);
        }
        return Decision.of(SettingRules.unset(key, context.now()));
    }
}
