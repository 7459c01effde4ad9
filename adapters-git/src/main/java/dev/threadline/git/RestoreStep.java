package dev.threadline.git;

import dev.threadline.application.workspace.CommitId;
import dev.threadline.application.workspace.RestorePlan;
import dev.threadline.domain.error.StorageFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * One restore of a workspace to a snapshot, under the project's lock: the plan computed from the
 * workspace as staged now, and its application. A path the snapshot has but where the workspace
 * keeps something a capture leaves out is left untouched, never overwritten. Applying deletes
 * first, then writes the snapshot's bytes and modes through the private index, so rerunning a
 * killed restore completes it.
 */
final class RestoreStep {

    private final ShadowRepository repo;
    private final CommitId commit;
    private final Staging.Staged staged;
    private final List<String> modified = new ArrayList<>();
    private final List<String> created = new ArrayList<>();
    private final List<String> deleted = new ArrayList<>();
    private final List<String> untouched = new ArrayList<>();

    RestoreStep(ShadowRepository repo, CommitId commit, Staging.Staged staged) {
        this.repo = repo;
        this.commit = commit;
        this.staged = staged;
        List<String> entries = Staging.split(
                repo.run("diff-tree", "-r", "-z", "--no-renames", "--name-status", staged.tree(), commit.hex()));
        List<String> added = new ArrayList<>();
        for (int i = 0; i + 1 < entries.size(); i += 2) {
            String path = entries.get(i + 1);
            switch (entries.get(i).charAt(0)) {
                case 'A' -> added.add(path);
                case 'D' -> deleted.add(path);
                default -> modified.add(path);
            }
        }
        Set<String> deleting = new TreeSet<>(deleted);
        for (String path : added) {
            (isOccupied(path, deleting) ? untouched : created).add(path);
        }
        modified.sort(null);
        created.sort(null);
        deleted.sort(null);
        untouched.sort(null);
    }

    RestorePlan plan() {
        return new RestorePlan(modified, created, deleted, untouched);
    }

    RestorePlan apply(Runnable afterDeletions) {
        RestorePlan plan = plan();
        if (plan.isEmpty()) {
            return plan;
        }
        // The index takes the snapshot's entries (keeping what it knows of unchanged files),
        // so checkout-index writes exactly the snapshot's bytes and modes.
        repo.run("read-tree", "-m", commit.hex());
        Path root = repo.workTree();
        try {
            for (String path : deleted) {
                Path file = root.resolve(path);
                Files.deleteIfExists(file);
                for (Path parent = file.getParent();
                        !parent.equals(root) && isEmptyDirectory(parent);
                        parent = parent.getParent()) {
                    Files.delete(parent);
                }
            }
        } catch (IOException e) {
            throw new StorageFailure(
                    StorageFailure.Reason.FAILED,
                    "could not delete a file of the workspace " + root + " while restoring: " + e.getMessage(),
                    e);
        }
        afterDeletions.run();
        List<String> writes = new ArrayList<>(modified);
        writes.addAll(created);
        if (!writes.isEmpty()) {
            repo.run(Staging.nulSeparated(writes, ""), Map.of(), "checkout-index", "-f", "-u", "-z", "--stdin");
        }
        return plan;
    }

    /**
     * Whether something a capture leaves out sits where the snapshot has a file: an ignored
     * or too-large file, a nested repository, or a directory keeping files after the deletions.
     */
    private boolean isOccupied(String path, Set<String> deleting) {
        for (String dir : staged.nestedRepositories()) {
            if (path.startsWith(dir + "/")) {
                return true;
            }
        }
        Path root = repo.workTree();
        Path file = root.resolve(path);
        for (Path ancestor = file.getParent(); !ancestor.equals(root); ancestor = ancestor.getParent()) {
            if (Files.exists(ancestor, LinkOption.NOFOLLOW_LINKS)
                    && !Files.isDirectory(ancestor, LinkOption.NOFOLLOW_LINKS)
                    && !deleting.contains(relative(root, ancestor))) {
                return true;
            }
        }
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        if (!Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        try (Stream<Path> inside = Files.walk(file)) {
            return inside.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .anyMatch(p -> !deleting.contains(relative(root, p)));
        } catch (IOException e) {
            return true; // what cannot be read is left alone
        }
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
