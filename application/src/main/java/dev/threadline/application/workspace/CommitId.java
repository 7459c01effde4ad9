package dev.threadline.application.workspace;

import dev.threadline.domain.error.InvalidInput;
import java.util.regex.Pattern;

/**
 * Identifies a snapshot: a full git object name (40 hexadecimal digits for SHA-1, 64 for
 * SHA-256), in lower case.
 */
public record CommitId(String hex) {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

    /**
     * Checks the form.
     *
     * @throws InvalidInput when the text is not a full lower-case object name
     */
    public CommitId {
        if (hex == null || !HEX.matcher(hex).matches()) {
            throw new InvalidInput("not a snapshot commit id (40 or 64 lower-case hexadecimal digits): " + hex);
        }
    }

    @Override
    public String toString() {
        return hex;
    }
}
