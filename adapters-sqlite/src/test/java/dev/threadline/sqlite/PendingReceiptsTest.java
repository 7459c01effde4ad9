package dev.threadline.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadline.application.port.CommandReceipts.Receipt;
import dev.threadline.application.port.StorageUnderTest;
import dev.threadline.application.port.Transactions;
import dev.threadline.application.result.CommandResult;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Receipts kept for their transaction's batch: found by id before they are written, undone with a savepoint. */
class PendingReceiptsTest {

    @TempDir
    Path directory;

    private StorageUnderTest storage;

    @BeforeEach
    void open() {
        storage = SqliteStorage.open(directory);
    }

    @AfterEach
    void close() throws Exception {
        storage.close().close();
    }

    private static Receipt receipt(String id) {
        return new Receipt(id, "AddMessage", "f1ng3rpr1nt", new CommandResult(Map.of("messageId", "m-" + id), 7, 1));
    }

    private Transactions transactions() {
        return storage.transactions();
    }

    @Test
    void a_receipt_is_found_in_its_transaction_before_the_commit_and_in_the_file_after() {
        transactions().inTransaction(() -> {
            storage.receipts().record(receipt("a"));
            assertThat(storage.receipts().receipt("a")).contains(receipt("a"));
            assertThat(rowsInFile()).isZero(); // another connection sees it only once committed
            return null;
        });

        assertThat(rowsInFile()).isEqualTo(1);
        assertThat(storage.receipts().receipt("a")).contains(receipt("a"));
    }

    @Test
    void a_savepoint_rolled_back_drops_the_receipts_kept_since_and_keeps_the_earlier_ones() {
        transactions().inTransaction(() -> {
            storage.receipts().record(receipt("before"));
            assertThatThrownBy(() -> transactions().inSavepoint(() -> {
                        storage.receipts().record(receipt("inside"));
                        throw new IllegalStateException("refused");
                    }))
                    .hasMessage("refused");
            assertThat(storage.receipts().receipt("inside")).isEmpty();
            assertThat(storage.receipts().receipt("before")).isPresent();
            return null;
        });

        assertThat(storage.receipts().receipt("inside")).isEmpty();
        assertThat(storage.receipts().receipt("before")).contains(receipt("before"));
        assertThat(rowsInFile()).isEqualTo(1);
    }

    @Test
    void a_savepoint_rolled_back_after_writing_out_inside_it_keeps_the_earlier_receipts_to_write() {
        transactions().inTransaction(() -> {
            storage.receipts().record(receipt("before"));
            assertThatThrownBy(() -> transactions().inSavepoint(() -> {
                        // More than a batch holds: written out inside the savepoint, "before" with them.
                        for (int i = 0; i < 4_100; i++) {
                            storage.receipts().record(receipt("inside" + i));
                        }
                        throw new IllegalStateException("refused");
                    }))
                    .hasMessage("refused");
            assertThat(storage.receipts().receipt("inside0")).isEmpty();
            assertThat(storage.receipts().receipt("inside4099")).isEmpty();
            assertThat(storage.receipts().receipt("before")).contains(receipt("before"));
            transactions().inSavepoint(() -> {
                storage.receipts().record(receipt("after"));
                return null;
            });
            return null;
        });

        assertThat(rowsInFile()).isEqualTo(2);
        assertThat(storage.receipts().receipt("before")).contains(receipt("before"));
        assertThat(storage.receipts().receipt("after")).contains(receipt("after"));
        assertThat(storage.receipts().receipt("inside0")).isEmpty();
    }

    @Test
    void a_transaction_rolled_back_writes_none_of_its_receipts() {
        assertThatThrownBy(() -> transactions().inTransaction(() -> {
                    storage.receipts().record(receipt("x"));
                    throw new IllegalStateException("roll back");
                }))
                .hasMessage("roll back");

        assertThat(storage.receipts().receipt("x")).isEmpty();
        assertThat(rowsInFile()).isZero();
    }

    @Test
    void more_receipts_than_a_batch_holds_are_all_written() {
        transactions().inTransaction(() -> {
            for (int i = 0; i < 5_000; i++) {
                storage.receipts().record(receipt("r" + i));
            }
            assertThat(storage.receipts().receipt("r0")).isPresent();
            assertThat(storage.receipts().receipt("r4999")).isPresent();
            return null;
        });

        assertThat(rowsInFile()).isEqualTo(5_000);
    }

    /** The receipts another connection sees in the file. */
    private long rowsInFile() {
        try (var connection =
                        DriverManager.getConnection("jdbc:sqlite:" + directory.resolve(SqliteDatabase.FILE_NAME));
                ResultSet rows = connection.createStatement().executeQuery("SELECT count(*) FROM command_receipts")) {
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
