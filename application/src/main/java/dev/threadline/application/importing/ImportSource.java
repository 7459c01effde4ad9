package dev.threadline.application.importing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * The records of an export to import, which can be read more than once: an import reads them
 * whole before it writes anything, then again to store them.
 */
public interface ImportSource {

    /**
     * A new pass over the records, from the first; the caller closes it. A malformed line fails
     * the pass with an {@link dev.threadline.domain.error.InvalidInput} naming the line.
     */
    Pass open();

    /**
     * The SHA-256 (hex) of the input's content, once a pass has read it to its end: what tells
     * one input from another when an import under a command id is retried.
     *
     * @throws IllegalStateException when no pass has read the input to its end yet
     */
    String sha256();

    /** One pass over the records. */
    interface Pass extends Iterator<ImportRecord>, AutoCloseable {

        @Override
        void close();
    }

    /**
     * Records held in memory; their content digest covers each record's line, stream version, id,
     * metadata and event.
     */
    static ImportSource of(List<ImportRecord> records) {
        List<ImportRecord> held = List.copyOf(records);
        String digest;
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (ImportRecord record : held) {
                sha256.update((record + "\n").getBytes(StandardCharsets.UTF_8));
            }
            digest = HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        return new ImportSource() {
            @Override
            public Pass open() {
                Iterator<ImportRecord> all = held.iterator();
                return new Pass() {
                    @Override
                    public boolean hasNext() {
                        return all.hasNext();
                    }

                    @Override
                    public ImportRecord next() {
                        return all.next();
                    }

                    @Override
                    public void close() {}
                };
            }

            @Override
            public String sha256() {
                return digest;
            }
        };
    }
}
