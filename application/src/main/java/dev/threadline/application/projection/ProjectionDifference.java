package dev.threadline.application.projection;

/**
 * One way in which a live read-model table differs from a fresh rebuild of it.
 *
 * @param table the table
 * @param key the row's key
 * @param column the differing column, or {@code *} when the whole row is missing or extra
 * @param expected the rebuilt value (null when the row should not exist)
 * @param actual the live value (null when the row is missing)
 */
public record ProjectionDifference(String table, String key, String column, String expected, String actual) {

    @Override
    public String toString() {
        return table + " " + key + " " + column + ": expected " + expected + ", found " + actual;
    }
}
