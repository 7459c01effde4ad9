package dev.threadline.bootstrap.reliability;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** A fixture for the concatenation check: two ways of building SQL from user input. Never run. */
final class PlantedConcatenation {

    private PlantedConcatenation() {}

    static void direct(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT * FROM projection_projects WHERE name = '" + name + "'");
        }
    }

    static void throughALocal(Connection connection, String name) throws SQLException {
        String sql = "SELECT * FROM settings WHERE key = '" + name + "'";
        try (Statement statement = connection.createStatement()) {
            statement.executeQuery(sql);
        }
    }
}
