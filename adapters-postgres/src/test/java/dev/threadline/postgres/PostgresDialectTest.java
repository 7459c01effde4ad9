package dev.threadline.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The statements rendered from the classes generated out of the SQLite migrations, without a server. */
class PostgresDialectTest {

    @Test
    void rendered_statements_name_the_store_schema_and_bind_every_value() {
        EventStatements events = new EventStatements(new PostgresDialect("team_a"));

        assertThat(events.insert)
                .startsWith("insert into \"team_a\".\"events\" (\"sequence\", \"event_id\"")
                .endsWith("values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        assertThat(events.replayUpTo)
                .contains("from \"team_a\".\"events\"")
                .contains("\"sequence\" > ?")
                .contains("\"sequence\" <= ?")
                .endsWith("order by \"team_a\".\"events\".\"sequence\"");
    }

    @Test
    void flags_are_compared_as_booleans_and_the_listings_differ_by_filter() {
        ReadModelStatements reads = new ReadModelStatements(new PostgresDialect("threadline"));

        assertThat(reads.liveProjects).endsWith("\"projection_projects\".\"deleted\" = false");
        assertThat(reads.streamingMessagesOf).contains("\"streaming\" = true");
        assertThat(reads.threads(false, true, true)).doesNotContain("where");
        assertThat(reads.threads(true, false, false))
                .contains("\"project_id\" = ?")
                .contains("\"archived\" = false")
                .contains("\"deleted\" = false");
        assertThat(reads.message).contains("string_agg(").contains("\"threadline\".\"projection_message_deltas\"");
    }

    @Test
    void hand_written_upserts_use_the_generated_column_names_key_first() {
        assertThat(PostgresProjectionWriter.upsert("settings", TableColumns.SETTING))
                .isEqualTo("INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO"
                        + " UPDATE SET value = excluded.value, updated_at = excluded.updated_at");
    }
}
