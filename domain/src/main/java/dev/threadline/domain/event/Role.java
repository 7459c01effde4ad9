package dev.threadline.domain.event;

import java.util.Arrays;
import java.util.Locale;

/** Who wrote a message. Stored and shown in lower case. */
public enum Role {
    USER,
    ASSISTANT,
    SYSTEM,
    TOOL;

    /** The stored, lower-case name. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The role with this lower-case name.
     *
     * @throws IllegalArgumentException naming the accepted values when none matches
     */
    public static Role fromLabel(String label) {
        for (Role role : values()) {
            if (role.label().equals(label)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + label + "' (expected one of "
                + Arrays.stream(values()).map(Role::label).toList() + ")");
    }
}
