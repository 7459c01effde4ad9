package dev.threadline.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Reads (never writes) where the user's own repository keeps its {@code info/exclude} file: in
 * {@code .git/}, or, for a linked work tree or a submodule whose {@code .git} is a file, in the
 * repository that file points to.
 */
final class UserRepository {

    private UserRepository() {}

    /** The user's exclude file for a workspace, or null when the workspace is no git work tree. */
    static Path excludeFileOf(Path workTree) {
        Path dotGit = workTree.resolve(".git");
        Path gitDir;
        if (Files.isDirectory(dotGit)) {
            gitDir = dotGit;
        } else if (Files.isRegularFile(dotGit, LinkOption.NOFOLLOW_LINKS)) {
            gitDir = pointedTo(dotGit, "gitdir:");
            if (gitDir == null) {
                return null;
            }
            Path commonDir = gitDir.resolve("commondir");
            if (Files.isRegularFile(commonDir)) {
                Path common = pointedTo(commonDir, "");
                gitDir = common != null ? common : gitDir;
            }
        } else {
            return null;
        }
        return gitDir.resolve("info").resolve("exclude").toAbsolutePath().normalize();
    }

    private static Path pointedTo(Path file, String prefix) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (!text.startsWith(prefix)) {
                return null;
            }
            Path target = Path.of(text.substring(prefix.length()).strip());
            return file.getParent().resolve(target).normalize();
        } catch (IOException | RuntimeException e) {
            // An unreadable or malformed pointer means there is no exclude file we can honour.
            return null;
        }
    }
}
