package dev.threadline.application.workspace;

import java.util.List;

/**
 * The files a restore changes, each list sorted, paths relative to the workspace with {@code /}
 * between names.
 *
 * @param modified files whose content, executable bit or kind (file or link) is written back
 * @param created files the snapshot holds and the workspace lacks
 * @param deleted files the workspace holds and the snapshot lacks
 * @param untouched files the snapshot holds that stay as they are because something a capture
 *     would leave out now (an ignored or too-large file, a nested repository) is in their place
 */
public record RestorePlan(List<String> modified, List<String> created, List<String> deleted, List<String> untouched) {

    /** Copies the lists. */
    public RestorePlan {
        modified = List.copyOf(modified);
        created = List.copyOf(created);
        deleted = List.copyOf(deleted);
        untouched = List.copyOf(untouched);
    }

    /** True when the restore changes no file. */
    public boolean isEmpty() {
        return modified.isEmpty() && created.isEmpty() && deleted.isEmpty();
    }
}
