package dev.threadline.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.threadline.application.result.CommandResult;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Writes results for people (aligned tables, sentences) or for programs (JSON). */
final class Output {

    /** The mapper, made on first use: a command that prints no JSON never makes one. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private final PrintStream out;
    private final boolean json;

    Output(PrintStream out, boolean json) {
        this.out = out;
        this.json = json;
    }

    /** The mapper of the JSON this writes. */
    static ObjectMapper mapper() {
        return Json.MAPPER;
    }

    boolean json() {
        return json;
    }

    PrintStream stream() {
        return out;
    }

    ObjectNode object() {
        return Json.MAPPER.createObjectNode();
    }

    ArrayNode array() {
        return Json.MAPPER.createArrayNode();
    }

    /** One JSON value on one line. */
    void json(JsonNode node) {
        try {
            out.println(Json.MAPPER.writeValueAsString(node));
            check();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    void line(String text) {
        out.println(text);
        check();
    }

    /**
     * Stops the command when standard output cannot be written (full disk, closed pipe): a print
     * stream only raises a flag, which this reads (flushing the stream).
     */
    void check() {
        if (out.checkError()) {
            throw IoErrors.cannotWriteOutput(out);
        }
    }

    /** Standard output as a byte stream whose writes fail with the command line's sentence. */
    OutputStream checkedStream() {
        return new OutputStream() {
            @Override
            public void write(int b) {
                out.write(b);
                check();
            }

            @Override
            public void write(byte[] b, int off, int len) {
                out.write(b, off, len);
                check();
            }

            @Override
            public void flush() {
                check();
            }
        };
    }

    /**
     * A command's result: with {@code --json} its ids and last sequence; otherwise its first id
     * alone (easy to capture in a script), or the given sentence when it created nothing.
     */
    void result(CommandResult result, String sentence) {
        if (json) {
            ObjectNode node = object();
            for (Map.Entry<String, String> id : result.ids().entrySet()) {
                node.put(id.getKey(), id.getValue());
            }
            node.put("lastSequence", result.lastSequence());
            json(node);
        } else if (!result.ids().isEmpty()) {
            line(result.ids().values().iterator().next());
        } else {
            line(sentence);
        }
    }

    /** An aligned table; the last column is not padded. */
    void table(List<String> headers, List<List<String>> rows) {
        int[] widths = new int[headers.size()];
        List<List<String>> all = new ArrayList<>();
        all.add(headers);
        all.addAll(rows);
        for (List<String> row : all) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], cell(row.get(i)).length());
            }
        }
        for (List<String> row : all) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                String value = cell(row.get(i));
                text.append(value);
                if (i < row.size() - 1) {
                    text.append(" ".repeat(widths[i] - value.length() + 2));
                }
            }
            line(text.toString().stripTrailing());
        }
        if (rows.isEmpty()) {
            line("(none)");
        }
    }

    private static String cell(String value) {
        return value == null ? "-" : value.replace('\n', ' ');
    }

    static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
