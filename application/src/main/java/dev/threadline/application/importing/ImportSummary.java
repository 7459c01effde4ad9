package dev.threadline.application.importing;

/**
 * What an import did.
 *
 * @param imported events appended
 * @param skipped events already stored with the same id and content
 */
public record ImportSummary(long imported, long skipped) {}
