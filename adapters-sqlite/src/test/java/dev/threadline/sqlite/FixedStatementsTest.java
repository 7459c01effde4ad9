package dev.threadline.sqlite;

import static dev.threadline.sqlite.schema.Tables.COMMAND_RECEIPTS;
import static dev.threadline.sqlite.schema.Tables.EVENTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.jooq.Field;
import org.jooq.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The statements kept as fixed text name the generated schema's tables and columns, in its order,
 * and each one compiles against a freshly migrated database.
 */
class FixedStatementsTest {

    @TempDir
    Path directory;

    private static String columnsOf(Table<?> table) {
        return Arrays.stream(table.fields()).map(Field::getName).collect(Collectors.joining(", "));
    }

    @Test
    void the_event_columns_are_the_generated_tables_in_its_order() {
        assertThat(EventStatements.COLUMNS).isEqualTo(columnsOf(EVENTS));
    }

    @Test
    void each_read_model_table_has_the_generated_tables_name_columns_and_key() {
        for (ReadModelTable table : ReadModelTable.values()) {
            Table<?> generated = ReadModelUpserts.table(table);
            assertThat(table.table).as(table.name()).isEqualTo(generated.getName());
            assertThat(table.columns).as(table.name()).isEqualTo(columnsOf(generated));
            assertThat(List.of(table.key))
                    .as(table.name())
                    .isEqualTo(generated.getPrimaryKey().getFields().stream()
                            .map(Field::getName)
                            .toList());
        }
    }

    @Test
    void the_receipt_insert_names_every_column_of_the_generated_table_in_its_order() {
        assertThat(SqliteCommandReceipts.INSERT).contains("(" + columnsOf(COMMAND_RECEIPTS) + ")");
    }

    @Test
    void every_fixed_statement_compiles_against_a_migrated_database() throws Exception {
        List<String> statements = new ArrayList<>(List.of(
                EventStatements.REPLAY,
                EventStatements.REPLAY_UP_TO,
                EventStatements.SCAN,
                EventStatements.READ_STREAM,
                EventStatements.BY_ID,
                EventStatements.LAST_SEQUENCE,
                EventStatements.CEILING,
                EventStatements.STREAM_VERSION,
                EventStatements.GREATEST_ID,
                EventStatements.INSERT,
                EventStatements.DELETE_STREAM,
                EventStatements.deleteSequences(1),
                EventStatements.deleteSequences(3),
                ReadModelStatements.MESSAGE_BY_ID,
                ReadModelStatements.MESSAGES_OF,
                ReadModelStatements.MESSAGE_STATE,
                ReadModelStatements.LIVE_PATH,
                ReadModelStatements.LIVE_THREADS,
                ReadModelStatements.STREAMING,
                ReadModelStatements.TURNS_OF,
                ReadModelStatements.CHECKPOINTS_OF,
                ReadModelStatements.SETTINGS_BY_KEY,
                ReadModelStatements.POSITION,
                ReadModelStatements.NEXT_DELTA,
                ReadModelStatements.TOUCH_MESSAGE,
                ReadModelStatements.DROP_DELTAS,
                ReadModelStatements.SET_STATUS_OF_TURNS_AFTER,
                ReadModelStatements.REMOVE_SETTING,
                ReadModelStatements.projects(true),
                ReadModelStatements.projects(false),
                SqliteCommandReceipts.SELECT,
                SqliteCommandReceipts.INSERT));
        statements.addAll(ReadModelStatements.PURGE_THREAD);
        for (int filters = 0; filters < 8; filters++) {
            statements.add(ReadModelStatements.threads((filters & 1) != 0, (filters & 2) != 0, (filters & 4) != 0));
        }
        for (ReadModelTable table : ReadModelTable.values()) {
            statements.add(table.byKey);
        }
        Path file = directory.resolve(SqliteDatabase.FILE_NAME);
        SqliteFiles.open(file).close();
        try (Connection connection = SqliteFiles.plainConnection(file)) {
            for (String statement : statements) {
                assertThatCode(() -> connection.prepareStatement(statement).close())
                        .as(statement)
                        .doesNotThrowAnyException();
            }
        }
    }
}
