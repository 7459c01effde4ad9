package dev.threadline.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.threadline.application.result.CommandResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A receipt's result is stored as the JSON Jackson writes for it, whether written by hand or not. */
class ReceiptResultJsonTest {

    private final ObjectMapper json = new ObjectMapper();

    /** What Jackson writes for the stored result: its three fields in order, the ids in theirs. */
    private String byJackson(CommandResult result) {
        ObjectNode node = json.createObjectNode();
        ObjectNode ids = node.putObject("ids");
        result.ids().forEach(ids::put);
        node.put("lastSequence", result.lastSequence());
        node.put("eventCount", result.eventCount());
        return node.toString();
    }

    @Test
    void the_stored_text_is_jacksons_for_plain_ids_and_for_ids_that_need_escaping() {
        Map<String, String> several = new LinkedHashMap<>();
        several.put("threadId", "0194a3b2-7c1d-7e2f-8a3b-4c5d6e7f8a9b");
        several.put("turnId", "0194a3b2-7c1d-7e2f-8a3b-4c5d6e7f8a9c");
        several.put("messageId", "0194a3b2-7c1d-7e2f-8a3b-4c5d6e7f8a9d");
        List<CommandResult> results = List.of(
                new CommandResult(Map.of(), 0, 0),
                new CommandResult(Map.of("messageId", "0194a3b2-7c1d-7e2f-8a3b-4c5d6e7f8a9b"), 42, 1),
                new CommandResult(several, Long.MAX_VALUE, Integer.MAX_VALUE),
                new CommandResult(Map.of("quote\"d", "back\\slash"), 7, 2),
                new CommandResult(Map.of("line", "one\ntwo\u0001"), 8, 1),
                new CommandResult(Map.of("accent", "caf\u00e9 \ud83d\ude00"), 9, 1));
        for (CommandResult result : results) {
            assertThat(SqliteCommandReceipts.encode(json, result))
                    .isEqualTo(SqliteCommandReceipts.encodeByJackson(json, result))
                    .isEqualTo(byJackson(result));
        }
    }
}
