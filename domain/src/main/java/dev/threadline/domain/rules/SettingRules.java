package dev.threadline.domain.rules;

import dev.threadline.domain.event.SettingChanged;
import java.time.Instant;
import java.util.Objects;

/** What the settings commands may emit. */
public final class SettingRules {

    private SettingRules() {}

    /** Sets a global setting. */
    public static SettingChanged set(String key, String value, Instant at) {
        return new SettingChanged(Names.requireSettingKey(key), Objects.requireNonNull(value, "value"), at);
    }

    /** Removes a global setting. */
    public static SettingChanged unset(String key, Instant at) {
        return new SettingChanged(Names.requireSettingKey(key), null, at);
    }
}
