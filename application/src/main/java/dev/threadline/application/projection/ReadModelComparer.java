package dev.threadline.application.projection;

import dev.threadline.application.port.ReadModelRows;
import dev.threadline.application.port.ReadModelRows.Row;
import dev.threadline.application.port.ReadModelRows.Table;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Reports every difference between the read models of two stores of the same kind, walking each
 * table of both in key order at once, so that memory does not grow with their size.
 */
public final class ReadModelComparer {

    private ReadModelComparer() {}

    /**
     * Every difference of the actual rows from the expected ones, table by table in the expected
     * store's order, each table in key order.
     *
     * @param expected the rows as they should be (a fresh rebuild)
     * @param actual the rows as they are (the live store)
     */
    public static List<ProjectionDifference> differences(ReadModelRows expected, ReadModelRows actual) {
        List<ProjectionDifference> out = new ArrayList<>();
        for (Table table : expected.tables()) {
            try (Stream<Row> expectedRows = expected.rows(table);
                    Stream<Row> actualRows = actual.rows(table)) {
                compare(table, expectedRows.iterator(), actualRows.iterator(), out);
            }
        }
        return out;
    }

    private static void compare(
            Table table, Iterator<Row> expected, Iterator<Row> actual, List<ProjectionDifference> out) {
        Row e = expected.hasNext() ? expected.next() : null;
        Row a = actual.hasNext() ? actual.next() : null;
        while (e != null || a != null) {
            int order = e == null ? 1 : a == null ? -1 : compareKeys(e.key(), a.key());
            if (order < 0) {
                out.add(new ProjectionDifference(table.name(), e.keyText(), "*", "row present", null));
                e = expected.hasNext() ? expected.next() : null;
            } else if (order > 0) {
                out.add(new ProjectionDifference(table.name(), a.keyText(), "*", null, "row present"));
                a = actual.hasNext() ? actual.next() : null;
            } else {
                for (int i = 0; i < table.columns().size(); i++) {
                    String ev = e.values().get(i);
                    String av = a.values().get(i);
                    if (!Objects.equals(ev, av)) {
                        out.add(new ProjectionDifference(
                                table.name(), e.keyText(), table.columns().get(i), ev, av));
                    }
                }
                e = expected.hasNext() ? expected.next() : null;
                a = actual.hasNext() ? actual.next() : null;
            }
        }
    }

    /** Orders keys part by part: numbers by value, text by its characters. */
    static int compareKeys(List<Object> left, List<Object> right) {
        for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
            Object l = left.get(i);
            Object r = right.get(i);
            int order = l instanceof Long ln && r instanceof Long rn
                    ? Long.compare(ln, rn)
                    : String.valueOf(l).compareTo(String.valueOf(r));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(left.size(), right.size());
    }
}
