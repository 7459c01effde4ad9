package dev.threadline.git;

import dev.threadline.application.workspace.SkippedPath;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Makes the private index hold exactly what a snapshot of the workspace holds, and writes it as a
 * tree: files the ignore rules exclude, nested repositories and files over the size cap are left
 * out, even when an earlier snapshot held them. The workspace is walked once: one listing (git
 * pruning ignored directories, and checking the indexed files' sizes and times) says what is new,
 * changed or gone, and only those paths are then hashed into the index; files whose size and
 * times did not change since the index last saw them are neither read nor walked again.
 */
final class Staging {

    /** What was staged: the tree's id, what was left out and which directories are repositories. */
    record Staged(String tree, List<SkippedPath> skipped, Set<String> nestedRepositories) {}

    private Staging() {}

    static Staged stage(ShadowRepository repo, long maxFileBytes) {
        Path workTree = repo.workTree();
        // One listing: cached (H), changed (C) and untracked (?) paths; git shows a valid
        // repository it meets outside the index as "dir/".
        List<String> entries = list(repo);
        List<String> nowDirectories = new ArrayList<>();
        for (String entry : entries) {
            if (entry.charAt(0) == 'C'
                    && Files.isDirectory(workTree.resolve(entry.substring(2)), LinkOption.NOFOLLOW_LINKS)) {
                nowDirectories.add(entry.substring(2));
            }
        }
        if (!nowDirectories.isEmpty()) {
            // While the index holds a file where a directory now is, git lists nothing inside it:
            // the file leaves the index, and the listing is made again.
            repo.run(nulSeparated(nowDirectories, ""), Map.of(), "update-index", "--force-remove", "-z", "--stdin");
            entries = list(repo);
        }
        List<String> unstage = split(repo.run("ls-files", "-z", "-c", "-i", "--exclude-standard"));
        Set<String> nested = new TreeSet<>();
        Set<String> directories = new HashSet<>();
        for (String entry : entries) {
            String path = entry.substring(2);
            if (path.endsWith("/")) {
                nested.add(path.substring(0, path.length() - 1));
                continue;
            }
            for (int slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
                if (!directories.add(path.substring(0, slash))) {
                    break;
                }
            }
        }
        // Any directory holding a .git entry is a repository of its own, valid to git or not.
        for (String dir : directories) {
            if (Files.exists(workTree.resolve(dir).resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
                nested.add(dir);
            }
        }
        nested.removeIf(dir -> isInside(dir, nested));
        Set<String> tooLarge = new TreeSet<>();
        Set<String> leaveOut = new HashSet<>(unstage);
        List<String> changed = new ArrayList<>();
        List<String> created = new ArrayList<>();
        for (String entry : entries) {
            char tag = entry.charAt(0);
            String path = entry.substring(2);
            if (tag != '?' && tag != 'C' || path.endsWith("/") || nested.contains(path) || isInside(path, nested)) {
                continue;
            }
            if (sizeOf(workTree.resolve(path)) > maxFileBytes) {
                if (tooLarge.add(path) && tag == 'C') {
                    unstage.add(path);
                }
            } else if (!leaveOut.contains(path)) {
                (tag == 'C' ? changed : created).add(path);
            }
        }
        List<SkippedPath> skipped = new ArrayList<>();
        nested.forEach(dir -> skipped.add(new SkippedPath(dir, SkippedPath.Reason.NESTED_REPOSITORY)));
        tooLarge.forEach(file -> skipped.add(new SkippedPath(file, SkippedPath.Reason.TOO_LARGE)));
        skipped.sort((a, b) -> a.path().compareTo(b.path()));
        unstage.addAll(nested);
        if (!unstage.isEmpty()) {
            repo.run(
                    nulSeparated(unstage, ""),
                    Map.of("GIT_LITERAL_PATHSPECS", "1"),
                    "rm",
                    "--cached",
                    "-r",
                    "-f",
                    "-q",
                    "--ignore-unmatch",
                    "--pathspec-from-file=-",
                    "--pathspec-file-nul");
        }
        // Changed and deleted files first, then new ones: a file that became a directory leaves
        // the index before the files inside it enter (--replace settles the other way round).
        changed.addAll(created);
        if (!changed.isEmpty()) {
            repo.run(
                    nulSeparated(changed, ""),
                    Map.of(),
                    "update-index",
                    "--add",
                    "--remove",
                    "--replace",
                    "-z",
                    "--stdin");
        }
        String tree = repo.line("write-tree");
        return new Staged(tree, skipped, nested);
    }

    /** Cached (H), changed or deleted (C) and untracked (?) paths, tagged, ignored ones left out. */
    private static List<String> list(ShadowRepository repo) {
        return split(repo.run("ls-files", "-z", "-t", "-c", "-o", "-m", "--exclude-standard"));
    }

    /** Whether {@code path} lies inside one of the directories (not counting itself). */
    private static boolean isInside(String path, Set<String> directories) {
        for (int slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
            if (directories.contains(path.substring(0, slash))) {
                return true;
            }
        }
        return false;
    }

    /** The entries of NUL-separated output, as UTF-8 text. */
    static List<String> split(byte[] out) {
        List<String> entries = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == 0) {
                entries.add(new String(out, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (start < out.length) {
            entries.add(new String(out, start, out.length - start, StandardCharsets.UTF_8));
        }
        return entries;
    }

    static byte[] nulSeparated(Iterable<String> entries, String prefix) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (String entry : entries) {
            bytes.writeBytes((prefix + entry).getBytes(StandardCharsets.UTF_8));
            bytes.write(0);
        }
        return bytes.toByteArray();
    }

    private static long sizeOf(Path file) {
        try {
            BasicFileAttributes attributes =
                    Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return attributes.isRegularFile() ? attributes.size() : 0;
        } catch (NoSuchFileException e) {
            return 0; // deleted since git listed it: nothing to size
        } catch (IOException e) {
            return 0; // unreadable here means unreadable to git too, which reports it when adding
        }
    }
}
