package dev.threadline.sqlite;

import java.util.function.Supplier;

/**
 * A statement's SQL, rendered on first use and kept. Rendering a jOOQ query costs more than SQLite
 * takes to run it, and a process that opens the store for one short command runs few of the
 * statements its components keep: each is rendered once, and only when it is first run.
 */
final class RenderedSql {

    private final Supplier<String> render;
    private volatile String sql;

    private RenderedSql(Supplier<String> render) {
        this.render = render;
    }

    /** The SQL that the given function renders, once, on first use. */
    static RenderedSql of(Supplier<String> render) {
        return new RenderedSql(render);
    }

    /** The statement's SQL (racing first callers render equal text). */
    String sql() {
        String rendered = sql;
        if (rendered == null) {
            rendered = render.get();
            sql = rendered;
        }
        return rendered;
    }
}
