package dev.threadline.application.importing;

/**
 * What an import did.
 *
 * @param imported events appended
 * @param skipped events already stored with the same id and content
 * @param lastSequence the log's last sequence when the import's last write committed (when it
 *     appended nothing, when it ended)
 */
public record ImportSummary(long imported, long skipped, long lastSequence) {}
