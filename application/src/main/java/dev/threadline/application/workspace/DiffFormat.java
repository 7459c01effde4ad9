package dev.threadline.application.workspace;

/** How a comparison of snapshots is printed. */
public enum DiffFormat {
    /** A unified diff of every changed file. */
    UNIFIED,
    /** One line per changed file with its count of changed lines, then a total. */
    STAT
}
