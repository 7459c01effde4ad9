package dev.threadline.json;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The compressed stored form of a large payload: its JSON in UTF-8, deflated (zlib, whose Adler-32
 * checksum tells a damaged payload from a sound one) at a fixed level, then base64, after one
 * marker character that no JSON text begins with. It stays text, so a TEXT column holds it in
 * every storage adapter. Payloads of at most {@link #THRESHOLD} bytes, and those that deflating
 * would not make shorter, stay JSON: a small payload gains little and would cost every read an
 * inflation.
 */
final class CompressedPayloads {

    /** How a compressed payload begins; a JSON payload begins with its opening brace. */
    static final char MARKER = '~';

    /** Payloads of more UTF-8 bytes than this are written compressed, when that makes them shorter. */
    static final int THRESHOLD = 1_024;

    /** A fixed level, so that the same event is always stored as the same text. */
    private static final int LEVEL = 6;

    /** A damaged payload cannot make the reader allocate without bound. */
    private static final int MAX_INFLATED = 64 * 1024 * 1024;

    private CompressedPayloads() {}

    /** Whether a stored payload is in the compressed form. */
    static boolean isCompressed(String payload) {
        return !payload.isEmpty() && payload.charAt(0) == MARKER;
    }

    /** The payload as stored: compressed when it is larger than the threshold and that shortens it. */
    static String compress(String json) {
        // UTF-8 takes at most three bytes a char, so short text is judged without encoding it.
        if ((long) json.length() * 3 <= THRESHOLD) {
            return json;
        }
        byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= THRESHOLD) {
            return json;
        }
        Deflater deflater = new Deflater(LEVEL);
        try {
            deflater.setInput(utf8);
            deflater.finish();
            ByteArrayOutputStream deflated = new ByteArrayOutputStream(utf8.length / 2);
            byte[] chunk = new byte[Math.min(utf8.length, 16 * 1024)];
            while (!deflater.finished()) {
                deflated.write(chunk, 0, deflater.deflate(chunk));
            }
            String stored = MARKER + Base64.getEncoder().withoutPadding().encodeToString(deflated.toByteArray());
            return stored.length() < utf8.length ? stored : json;
        } finally {
            deflater.end();
        }
    }

    /**
     * The JSON a compressed payload holds.
     *
     * @throws IllegalArgumentException naming what is wrong when the payload is damaged
     */
    static String inflate(String typeName, String payload) {
        byte[] deflated;
        try {
            deflated = Base64.getDecoder().decode(payload.substring(1));
        } catch (IllegalArgumentException e) {
            throw damaged(typeName, "it is not base64 (" + e.getMessage() + ")");
        }
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(deflated);
            ByteArrayOutputStream json = new ByteArrayOutputStream(deflated.length * 3);
            byte[] chunk = new byte[16 * 1024];
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw damaged(typeName, "its deflated data ends early");
                }
                json.write(chunk, 0, n);
                if (json.size() > MAX_INFLATED) {
                    throw damaged(typeName, "it inflates to more than " + MAX_INFLATED + " bytes");
                }
            }
            if (inflater.getRemaining() > 0) {
                throw damaged(typeName, "bytes follow its deflated data");
            }
            return json.toString(StandardCharsets.UTF_8);
        } catch (DataFormatException e) {
            throw damaged(typeName, "its deflated data is damaged (" + e.getMessage() + ")");
        } finally {
            inflater.end();
        }
    }

    private static IllegalArgumentException damaged(String typeName, String why) {
        return new IllegalArgumentException(
                "the " + typeName + " payload cannot be decoded: it is compressed and " + why);
    }
}
