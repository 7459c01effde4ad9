package dev.threadline.application.workspace;

import dev.threadline.domain.error.InvalidInput;
import dev.threadline.domain.error.NotFound;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Snapshots held in memory: each capture copies the workspace's files (bytes, executable bit,
 * symbolic links). It knows no ignore rules, so every file is captured except nested
 * repositories and files over the size cap. Every method is synchronized, which keeps the port's
 * promise that calls for one project run one at a time.
 */
public final class InMemoryWorkspaceSnapshots implements WorkspaceSnapshots {

    /** One file: its bytes as ISO-8859-1 characters (one char per byte), so equality is by value. */
    private record Entry(String bytes, boolean executable, boolean link) {}

    private record Scan(Map<String, Entry> files, List<SkippedPath> skipped, Set<String> nested) {}

    private final Map<CommitId, Map<String, Entry>> commits = new HashMap<>();
    private final Map<CommitId, ProjectId> owners = new HashMap<>();
    private final Map<ProjectId, Map<String, CommitId>> refs = new HashMap<>();

    @Override
    public synchronized Snapshot capture(Workspace workspace, CaptureRequest request) {
        Scan scan = scan(workspace);
        if (request.parent() != null) {
            snapshotOf(workspace, request.parent());
        }
        CommitId commit = newCommitId();
        commits.put(commit, scan.files());
        owners.put(commit, workspace.projectId());
        refs.computeIfAbsent(workspace.projectId(), p -> new TreeMap<>()).put(request.ref(), commit);
        return new Snapshot(commit, request.ref(), scan.skipped());
    }

    @Override
    public synchronized String diff(Workspace workspace, CommitId from, CommitId to, DiffFormat format) {
        Map<String, Entry> older = snapshotOf(workspace, from);
        Map<String, Entry> newer = to == null ? scan(workspace).files() : snapshotOf(workspace, to);
        Set<String> paths = new TreeSet<>(older.keySet());
        paths.addAll(newer.keySet());
        StringBuilder text = new StringBuilder();
        int changed = 0;
        for (String path : paths) {
            Entry a = older.get(path);
            Entry b = newer.get(path);
            if (a != null && a.equals(b)) {
                continue;
            }
            changed++;
            List<String> removed = lines(a);
            List<String> added = lines(b);
            if (format == DiffFormat.STAT) {
                text.append(' ')
                        .append(path)
                        .append(" | ")
                        .append(removed.size() + added.size())
                        .append('\n');
                continue;
            }
            text.append("--- ").append(a == null ? "/dev/null" : "a/" + path).append('\n');
            text.append("+++ ").append(b == null ? "/dev/null" : "b/" + path).append('\n');
            removed.forEach(line -> text.append('-').append(line).append('\n'));
            added.forEach(line -> text.append('+').append(line).append('\n'));
        }
        if (format == DiffFormat.STAT && changed > 0) {
            text.append(' ').append(changed).append(changed == 1 ? " file changed\n" : " files changed\n");
        }
        return text.toString();
    }

    @Override
    public synchronized RestorePlan planRestore(Workspace workspace, CommitId commit) {
        return plan(workspace, snapshotOf(workspace, commit), scan(workspace));
    }

    @Override
    public synchronized RestorePlan restore(Workspace workspace, CommitId commit) {
        Map<String, Entry> snapshot = snapshotOf(workspace, commit);
        RestorePlan plan = plan(workspace, snapshot, scan(workspace));
        Path dir = workspace.directory();
        try {
            for (String path : plan.deleted()) {
                Path file = dir.resolve(path);
                Files.deleteIfExists(file);
                for (Path parent = file.getParent(); !parent.equals(dir) && isEmptyDirectory(parent); ) {
                    Files.delete(parent);
                    parent = parent.getParent();
                }
            }
            List<String> writes = new ArrayList<>(plan.modified());
            writes.addAll(plan.created());
            for (String path : writes) {
                writeEntry(dir.resolve(path), snapshot.get(path));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return plan;
    }

    @Override
    public synchronized boolean hasUncapturedChanges(Workspace workspace, Collection<CommitId> commits) {
        Map<String, Entry> now = scan(workspace).files();
        for (CommitId commit : commits) {
            if (snapshotOf(workspace, commit).equals(now)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public synchronized void deleteThread(ProjectId projectId, ThreadId threadId) {
        Map<String, CommitId> ofProject = refs.get(projectId);
        if (ofProject != null) {
            ofProject.keySet().removeIf(ref -> ref.startsWith("refs/threadline/" + threadId + "/"));
        }
    }

    private RestorePlan plan(Workspace workspace, Map<String, Entry> snapshot, Scan now) {
        List<String> modified = new ArrayList<>();
        List<String> created = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        List<String> untouched = new ArrayList<>();
        for (Map.Entry<String, Entry> file : new TreeMap<>(snapshot).entrySet()) {
            String path = file.getKey();
            Entry current = now.files().get(path);
            if (current == null) {
                Path onDisk = workspace.directory().resolve(path);
                boolean occupied = Files.exists(onDisk, LinkOption.NOFOLLOW_LINKS)
                        && !(Files.isDirectory(onDisk, LinkOption.NOFOLLOW_LINKS)
                                && allDeleted(path, now.files().keySet(), snapshot.keySet()));
                boolean inNested = now.nested().stream().anyMatch(n -> path.startsWith(n + "/"));
                (occupied || inNested ? untouched : created).add(path);
            } else if (!current.equals(file.getValue())) {
                modified.add(path);
            }
        }
        for (String path : new TreeSet<>(now.files().keySet())) {
            if (!snapshot.containsKey(path)) {
                deleted.add(path);
            }
        }
        return new RestorePlan(modified, created, deleted, untouched);
    }

    /** Whether every captured file under the directory {@code path} is one the restore deletes. */
    private static boolean allDeleted(String path, Set<String> current, Set<String> snapshot) {
        return current.stream().filter(p -> p.startsWith(path + "/")).noneMatch(snapshot::contains);
    }

    private Map<String, Entry> snapshotOf(Workspace workspace, CommitId commit) {
        Map<String, Entry> files = commits.get(commit);
        if (files == null || !workspace.projectId().equals(owners.get(commit))) {
            throw new NotFound("snapshot of project " + workspace.projectId(), "commit", commit);
        }
        return files;
    }

    private static Scan scan(Workspace workspace) {
        Path dir = workspace.directory();
        if (!Files.exists(dir)) {
            throw new InvalidInput("the project directory " + dir + " does not exist");
        }
        if (!Files.isDirectory(dir)) {
            throw new InvalidInput("the project path " + dir + " is not a directory");
        }
        Map<String, Entry> files = new TreeMap<>();
        List<SkippedPath> skipped = new ArrayList<>();
        Set<String> nested = new TreeSet<>();
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    if (d.equals(dir)) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (d.getFileName().toString().equals(".git")) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    if (Files.exists(d.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
                        String path = relative(dir, d);
                        nested.add(path);
                        skipped.add(new SkippedPath(path, SkippedPath.Reason.NESTED_REPOSITORY));
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (file.getFileName().toString().equals(".git")) {
                        return FileVisitResult.CONTINUE;
                    }
                    String path = relative(dir, file);
                    if (attrs.isSymbolicLink()) {
                        String target = Files.readSymbolicLink(file).toString();
                        files.put(path, new Entry(latin1(target.getBytes(StandardCharsets.UTF_8)), false, true));
                    } else if (attrs.isRegularFile()) {
                        if (attrs.size() > workspace.maxFileBytes()) {
                            skipped.add(new SkippedPath(path, SkippedPath.Reason.TOO_LARGE));
                        } else {
                            files.put(path, new Entry(latin1(Files.readAllBytes(file)), isExecutable(file), false));
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        skipped.sort((a, b) -> a.path().compareTo(b.path()));
        return new Scan(files, skipped, nested);
    }

    private static void writeEntry(Path file, Entry entry) throws IOException {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        byte[] bytes = entry.bytes().getBytes(StandardCharsets.ISO_8859_1);
        if (entry.link()) {
            Files.createSymbolicLink(file, Path.of(new String(bytes, StandardCharsets.UTF_8)));
            return;
        }
        Files.write(file, bytes);
        if (entry.executable()) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            permissions.add(PosixFilePermission.OWNER_EXECUTE);
            Files.setPosixFilePermissions(file, permissions);
        }
    }

    private static boolean isExecutable(Path file) throws IOException {
        try {
            return Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS)
                    .contains(PosixFilePermission.OWNER_EXECUTE);
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    private static String relative(Path dir, Path file) {
        return dir.relativize(file).toString().replace('\\', '/');
    }

    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static List<String> lines(Entry entry) {
        if (entry == null || entry.bytes().isEmpty()) {
            return List.of();
        }
        String text = new String(entry.bytes().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        return text.lines().toList();
    }

    private static CommitId newCommitId() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest(UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII));
            return new CommitId(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from the JDK", e);
        }
    }
}
