package dev.threadline.bootstrap;

import java.nio.file.Path;
import java.util.Map;

/** Where a store lives when no data directory is given. */
final class DataDirectories {

    private DataDirectories() {}

    /**
     * {@code $THREADLINE_HOME}, else {@code $XDG_DATA_HOME/threadline}, else {@code
     * ~/.local/share/threadline}, {@code ~} being {@code $HOME} as the shell has it (the account's
     * home directory when it is unset). Blank variables count as unset.
     */
    static Path byDefault(Map<String, String> environment) {
        String home = environment.get("THREADLINE_HOME");
        if (home != null && !home.isBlank()) {
            return Path.of(home);
        }
        String xdg = environment.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "threadline");
        }
        String user = environment.get("HOME");
        if (user == null || user.isBlank()) {
            user = System.getProperty("user.home");
        }
        return Path.of(user, ".local", "share", "threadline");
    }
}
