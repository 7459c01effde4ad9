package dev.threadline.postgres;

import dev.threadline.domain.error.InvalidInput;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where a PostgreSQL store is: a {@code postgresql://user[:password]@host[:port]/database} URL
 * (a {@code jdbc:} prefix is accepted), with an optional {@code schema} parameter (default {@code
 * threadline}); other parameters pass to the driver. Without a password in the URL the driver
 * takes {@code PGPASSWORD} or the pgpass file. {@link #toString()} never shows the password.
 *
 * @param host the server's host
 * @param port its port
 * @param database the database
 * @param user the user, null for the driver's default
 * @param password the password from the URL, null when absent
 * @param schema the schema that holds Threadline's tables
 * @param parameters the other parameters, for the driver
 */
public record PostgresLocation(
        String host,
        int port,
        String database,
        String user,
        String password,
        String schema,
        Map<String, String> parameters) {

    /** The schema used when the URL names none. */
    public static final String DEFAULT_SCHEMA = "threadline";

    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    /** Copies the parameters and checks the schema name. */
    public PostgresLocation {
        parameters = Map.copyOf(parameters);
        if (!SCHEMA_NAME.matcher(schema).matches()) {
            throw new InvalidInput("the schema name '" + schema
                    + "' is not a plain lowercase identifier (letters, digits and _, at most 63)");
        }
    }

    /** Whether a --database value names a PostgreSQL database rather than a file. */
    public static boolean isPostgresUrl(String text) {
        return text != null
                && (text.startsWith("postgresql://")
                        || text.startsWith("postgres://")
                        || text.startsWith("jdbc:postgresql://"));
    }

    /**
     * Parses a URL.
     *
     * @throws InvalidInput when it is not a PostgreSQL URL a driver could use
     */
    public static PostgresLocation parse(String url) {
        String text = url.startsWith("jdbc:") ? url.substring("jdbc:".length()) : url;
        if (!isPostgresUrl(text)) {
            throw new InvalidInput("the database URL must start with postgresql://");
        }
        URI uri;
        try {
            uri = new URI(text.replaceFirst("^postgres(ql)?://", "postgresql://"));
        } catch (URISyntaxException e) {
            throw new InvalidInput("the database URL is malformed: " + e.getReason());
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw new InvalidInput(unusableAuthority(uri.getRawAuthority()));
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceFirst("^/", "");
        if (path.isEmpty() || path.contains("/")) {
            throw new InvalidInput("the database URL names no database (postgresql://user@host:port/database)");
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                if (!pair.isEmpty()) {
                    String[] kv = pair.split("=", 2);
                    parameters.put(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
                }
            }
        }
        String schema = parameters.remove("schema");
        if (parameters.containsKey("password")) {
            password = parameters.remove("password");
        }
        if (parameters.containsKey("user")) {
            user = parameters.remove("user");
        }
        return new PostgresLocation(
                host,
                uri.getPort() < 0 ? 5432 : uri.getPort(),
                decode(path),
                user,
                password,
                schema == null ? DEFAULT_SCHEMA : schema,
                parameters);
    }

    /**
     * Why a URL's authority gave no host: the text after the user (never the user or password,
     * which it may hold) is named, so that a wrong port or host is told apart from a missing one.
     */
    private static String unusableAuthority(String authority) {
        String usage = " (postgresql://user@host:port/database)";
        if (authority == null || authority.isBlank()) {
            return "the database URL names no host" + usage;
        }
        if (authority.indexOf('@') != authority.lastIndexOf('@')) {
            return "the database URL's user or password holds an '@'; write it as %40" + usage;
        }
        String hostAndPort = authority.substring(authority.lastIndexOf('@') + 1);
        int colon = hostAndPort.lastIndexOf(':');
        if (colon >= 0 && !hostAndPort.endsWith("]")) {
            String port = hostAndPort.substring(colon + 1);
            if (!port.chars().allMatch(Character::isDigit)) {
                return "the database URL's port '" + port + "' is not a number" + usage;
            }
            hostAndPort = hostAndPort.substring(0, colon);
        }
        return hostAndPort.isBlank()
                ? "the database URL names no host" + usage
                : "the database URL's host '" + hostAndPort + "' is not a valid host name" + usage;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /** The same server and database with another schema. */
    public PostgresLocation withSchema(String other) {
        return new PostgresLocation(host, port, database, user, password, other, parameters);
    }

    /** The same server with another database. */
    public PostgresLocation withDatabase(String other) {
        return new PostgresLocation(host, port, other, user, password, schema, parameters);
    }

    /** The JDBC URL, without user or password. */
    public String jdbcUrl() {
        StringBuilder url = new StringBuilder("jdbc:postgresql://")
                .append(host.contains(":") ? "[" + host + "]" : host)
                .append(':')
                .append(port)
                .append('/')
                .append(database);
        char separator = '?';
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            url.append(separator).append(parameter.getKey()).append('=').append(parameter.getValue());
            separator = '&';
        }
        return url.toString();
    }

    /**
     * The location as a URL that {@link #parse} reads back, password included: for handing to
     * another part of the program, never for printing.
     */
    public String url() {
        StringBuilder url = new StringBuilder("postgresql://");
        if (user != null) {
            url.append(java.net.URLEncoder.encode(user, StandardCharsets.UTF_8));
            if (password != null) {
                url.append(':').append(java.net.URLEncoder.encode(password, StandardCharsets.UTF_8));
            }
            url.append('@');
        }
        url.append(host.contains(":") ? "[" + host + "]" : host)
                .append(':')
                .append(port)
                .append('/');
        url.append(java.net.URLEncoder.encode(database, StandardCharsets.UTF_8))
                .append("?schema=")
                .append(schema);
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            url.append('&')
                    .append(java.net.URLEncoder.encode(parameter.getKey(), StandardCharsets.UTF_8))
                    .append('=')
                    .append(java.net.URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
        }
        return url.toString();
    }

    /** The location as a person reads it: no password, ever. */
    @Override
    public String toString() {
        return "postgresql://" + (user == null ? "" : user + "@") + host + ":" + port + "/" + database
                + (schema.equals(DEFAULT_SCHEMA) ? "" : "?schema=" + schema);
    }
}
