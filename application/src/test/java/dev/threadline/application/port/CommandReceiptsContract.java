package dev.threadline.application.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadline.application.port.CommandReceipts.Receipt;
import dev.threadline.application.result.CommandResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every behaviour of {@link CommandReceipts}. */
public abstract class CommandReceiptsContract extends StorageContract {

    private CommandReceipts receipts() {
        return storage.receipts();
    }

    private static Receipt receipt(String id) {
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("projectId", "p-1");
        ids.put("z", "2");
        return new Receipt(id, "CreateProject", "f1ng3rpr1nt", new CommandResult(ids, 4, 1));
    }

    @Test
    void an_unknown_command_id_has_no_receipt() {
        assertThat(receipts().receipt("never")).isEmpty();
    }

    @Test
    void a_recorded_receipt_reads_back_equal_with_its_ids_in_order() {
        Receipt receipt = receipt("cmd-1");
        inTransaction(() -> receipts().record(receipt));

        assertThat(receipts().receipt("cmd-1")).contains(receipt);
        assertThat(receipts().receipt("cmd-1").orElseThrow().result().ids())
                .containsExactly(Map.entry("projectId", "p-1"), Map.entry("z", "2"));
    }

    @Test
    void receipts_read_ahead_read_as_they_would_have_and_later_records_and_rollbacks_still_show() {
        Receipt stored = receipt("stored");
        inTransaction(() -> receipts().record(stored));

        inTransaction(() -> {
            receipts().readAhead(List.of("stored", "unused", "later", "undone"));
            assertThat(receipts().receipt("stored")).contains(stored);
            assertThat(receipts().receipt("unused")).isEmpty();
            receipts().record(receipt("later"));
            assertThat(receipts().receipt("later")).contains(receipt("later"));
            assertThatThrownBy(() -> storage.transactions().inSavepoint(() -> {
                        receipts().record(receipt("undone"));
                        assertThat(receipts().receipt("undone")).isPresent();
                        throw new IllegalStateException("refused");
                    }))
                    .hasMessage("refused");
            assertThat(receipts().receipt("undone")).isEmpty();
            assertThat(receipts().receipt("stored")).contains(stored);
        });

        assertThat(receipts().receipt("later")).contains(receipt("later"));
        assertThat(receipts().receipt("undone")).isEmpty();
        receipts().readAhead(List.of("stored")); // outside a transaction: nothing to do
        assertThat(receipts().receipt("stored")).contains(stored);
    }

    @Test
    void a_receipt_recorded_in_a_rolled_back_transaction_does_not_exist() {
        assertThatThrownBy(() -> inTransaction(() -> {
                    receipts().record(receipt("cmd-2"));
                    assertThat(receipts().receipt("cmd-2")).isPresent();
                    throw new IllegalStateException("roll back");
                }))
                .hasMessage("roll back");

        assertThat(receipts().receipt("cmd-2")).isEmpty();
    }
}
