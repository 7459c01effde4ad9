package dev.threadline.domain.event;

import java.time.Instant;
import java.util.Objects;

/** A global setting was set, or removed when the value is absent (null). */
public record SettingChanged(String key, String value, Instant at) implements Event {

    /** Checks that every required field is present. */
    public SettingChanged {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public String streamId() {
        return SETTINGS_STREAM;
    }
}
