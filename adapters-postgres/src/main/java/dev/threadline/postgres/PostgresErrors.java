package dev.threadline.postgres;

import dev.threadline.domain.error.StorageFailure;
import dev.threadline.domain.error.StorageFailure.Reason;
import java.sql.SQLException;

/**
 * Translates PostgreSQL's errors into {@link StorageFailure}s a person can act on, by SQLSTATE.
 * Messages name the location without its password.
 */
final class PostgresErrors {

    private PostgresErrors() {}

    /** The SQLSTATE of the first SQL exception in a chain, or an empty string. */
    static String state(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return "";
    }

    static boolean isUniqueViolation(Throwable error) {
        return state(error).equals("23505");
    }

    /** A storage failure for an error met while working on the store at a location. */
    static StorageFailure translate(PostgresLocation location, String doing, Throwable error) {
        if (error instanceof StorageFailure failure) {
            return failure;
        }
        String state = state(error);
        String where = location.toString();
        if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
            return new StorageFailure(
                    Reason.UNAVAILABLE,
                    "could not " + doing + ": the PostgreSQL server at " + where
                            + " cannot be reached or closed the connection (is it running and is the host and port"
                            + " right?)",
                    error);
        }
        return switch (state) {
            case "28P01", "28000" ->
                new StorageFailure(
                        Reason.UNAVAILABLE,
                        "could not " + doing + ": PostgreSQL refused the user or password for " + where,
                        error);
            case "3D000" ->
                new StorageFailure(
                        Reason.UNAVAILABLE,
                        "could not " + doing + ": the database named in " + where + " does not exist",
                        error);
            case "42501" ->
                new StorageFailure(
                        Reason.UNAVAILABLE,
                        "could not " + doing + ": the user of " + where + " lacks a privilege it needs ("
                                + firstLine(error) + ")",
                        error);
            case "22021", "22P05" ->
                new StorageFailure(
                        Reason.ENCODING,
                        "could not " + doing + ": PostgreSQL cannot store the text (it holds a NUL character,"
                                + " U+0000, which PostgreSQL text refuses)",
                        error);
            case "55P03", "40P01", "40001" ->
                new StorageFailure(
                        Reason.LOCKED, "could not " + doing + " in " + where + ": " + firstLine(error), error);
            case "53100", "53200", "53300" ->
                new StorageFailure(
                        Reason.UNAVAILABLE,
                        "could not " + doing + ": the PostgreSQL server at " + where + " is out of resources ("
                                + firstLine(error) + ")",
                        error);
            default ->
                new StorageFailure(
                        Reason.FAILED, "could not " + doing + " in " + where + ": " + firstLine(error), error);
        };
    }

    private static String firstLine(Throwable error) {
        String message = String.valueOf(error.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
