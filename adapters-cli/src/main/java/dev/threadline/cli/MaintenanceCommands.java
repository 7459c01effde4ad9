package dev.threadline.cli;

import dev.threadline.application.lifecycle.Quarantined;
import dev.threadline.application.lifecycle.Removals;
import dev.threadline.application.port.LogRemoval;
import dev.threadline.application.port.Maintenance;
import dev.threadline.application.projection.Projections;
import dev.threadline.application.readmodel.ThreadFilter;
import dev.threadline.domain.store.UndecodableEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code init}, {@code info}, {@code doctor}, {@code backup} and {@code completion}. */
final class MaintenanceCommands {

    private MaintenanceCommands() {}

    @Command(name = "init", description = "Creates the store (data directory and database) when absent.")
    static final class Init extends StoreCommand {
        @Override
        int run(Session session, Output output) {
            if (output.json()) {
                output.json(output.object()
                        .put("dataDirectory", session.dataDirectory().toString())
                        .put(
                                session.maintenance().onServer() ? "database" : "databaseFile",
                                session.maintenance().location())
                        .put("lastSequence", session.events().lastSequence()));
            } else {
                output.line("The store is ready at " + session.maintenance().location() + ".");
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "info", description = "Shows where the store is and what it holds.")
    static final class Info extends StoreCommand {
        @Override
        int run(Session session, Output output) {
            long projects = session.queries().projects(true).size();
            long liveProjects = session.queries().projects(false).size();
            long threads = session.queries()
                    .threads(new ThreadFilter(null, true, true))
                    .size();
            long settings = session.queries().settings().size();
            Projections.ProjectionStatus status = session.projections().status();
            BuildInfo build = BuildInfo.current();
            if (output.json()) {
                output.json(output.object()
                        .put("version", build.version())
                        .put("commit", build.commit())
                        .put("builtAt", build.builtAt())
                        .put("dataDirectory", session.dataDirectory().toString())
                        .put(
                                session.maintenance().onServer() ? "database" : "databaseFile",
                                session.maintenance().location())
                        .put("schemaVersion", session.maintenance().schemaVersion())
                        .put("lastSequence", status.lastSequence())
                        .put("projectorPosition", status.position())
                        .put("projects", projects)
                        .put("liveProjects", liveProjects)
                        .put("threads", threads)
                        .put("settings", settings));
            } else {
                output.table(
                        List.of("FIELD", "VALUE"),
                        List.of(
                                List.of("version", build.version()),
                                List.of("commit", build.commit()),
                                List.of("built at", build.builtAt()),
                                List.of(
                                        "data directory",
                                        session.dataDirectory().toString()),
                                List.of(
                                        session.maintenance().onServer() ? "database" : "database file",
                                        session.maintenance().location()),
                                List.of(
                                        "schema version",
                                        Integer.toString(session.maintenance().schemaVersion())),
                                List.of("last sequence", Long.toString(status.lastSequence())),
                                List.of("projector position", Long.toString(status.position())),
                                List.of("projects", projects + " (" + liveProjects + " live)"),
                                List.of("threads", Long.toString(threads)),
                                List.of("settings", Long.toString(settings))));
            }
            return ExitCode.OK;
        }
    }

    @Command(
            name = "doctor",
            description = "Checks integrity, schema version, projector lag and undecodable rows, and reports purges;"
                    + " exit 3 on a problem. With --quarantine, moves undecodable rows out of the log.")
    static final class Doctor extends StoreCommand {
        @Option(
                names = "--quarantine",
                description = "Move the rows that cannot be decoded into an owner-only file under DIR/quarantine/"
                        + " and record which sequences went.")
        boolean quarantine;

        @Option(names = "--dry-run", description = "With --quarantine: print what would move and change nothing.")
        boolean dryRun;

        @Mixin
        CommandIdOption commandId = new CommandIdOption();

        @Override
        int run(Session session, Output output) {
            if (dryRun && !quarantine) {
                throw CliFailure.usage("--dry-run goes with --quarantine");
            }
            if (commandId.value != null && !quarantine) {
                throw CliFailure.usage("--command-id goes with --quarantine");
            }
            if (quarantine) {
                return quarantine(session, output);
            }
            Removals removals = session.lifecycle().removals();
            Maintenance.Integrity check = session.maintenance().integrityCheck();
            List<String> integrity = check.findings();
            boolean sound = check.sound();
            Projections.ProjectionStatus status = session.projections().status();
            List<UndecodableEvent> undecodable = session.events().undecodableEvents();
            boolean healthy = sound && status.lag() == 0 && undecodable.isEmpty();
            if (output.json()) {
                var node = output.object()
                        .put("healthy", healthy)
                        .put("schemaVersion", session.maintenance().schemaVersion())
                        .put("lastSequence", status.lastSequence())
                        .put("projectorPosition", status.position())
                        .put("projectorLag", status.lag());
                var checks = output.array();
                integrity.forEach(checks::add);
                node.set("integrity", checks);
                var rows = output.array();
                for (UndecodableEvent event : undecodable) {
                    rows.add(output.object()
                            .put("sequence", event.sequence())
                            .put("type", event.type())
                            .put("reason", event.reason()));
                }
                node.set("undecodable", rows);
                node.set(
                        "removed",
                        output.object()
                                .put("purges", removals.purges())
                                .put("purgedEvents", removals.purgedEvents())
                                .put("purgedBytes", removals.purgedBytes())
                                .put("quarantines", removals.quarantines())
                                .put("quarantinedRows", removals.quarantinedRows()));
                output.json(node);
            } else {
                List<List<String>> rows = new ArrayList<>();
                rows.add(List.of("integrity", sound ? "ok" : "FAILED", sound ? "" : String.join("; ", integrity)));
                rows.add(List.of(
                        "schema version",
                        "ok",
                        Integer.toString(session.maintenance().schemaVersion())));
                rows.add(List.of(
                        "projector lag",
                        status.lag() == 0 ? "ok" : "BEHIND",
                        status.lag() + " (position " + status.position() + " of " + status.lastSequence() + ")"));
                rows.add(List.of(
                        "undecodable rows",
                        undecodable.isEmpty() ? "ok" : "FOUND",
                        Integer.toString(undecodable.size())));
                for (UndecodableEvent event : undecodable) {
                    rows.add(List.of("  sequence " + event.sequence(), event.type(), event.reason()));
                }
                rows.add(List.of(
                        "purges",
                        "ok",
                        removals.purges() + " thread(s), " + removals.purgedEvents() + " event(s), "
                                + removals.purgedBytes() + " bytes"));
                rows.add(List.of(
                        "quarantines", "ok", removals.quarantines() + " (" + removals.quarantinedRows() + " row(s))"));
                output.table(List.of("CHECK", "STATUS", "DETAIL"), rows);
            }
            if (!healthy) {
                root().err()
                        .println("threadline: doctor found a problem with the store at "
                                + session.maintenance().location() + ".");
                return ExitCode.STORAGE;
            }
            return ExitCode.OK;
        }

        private int quarantine(Session session, Output output) {
            Quarantined moved = dryRun
                    ? session.lifecycle().quarantine().plan()
                    : session.lifecycle().quarantine().run(commandId.checked());
            if (output.json()) {
                var sequences = output.array();
                moved.rows().forEach(row -> sequences.add(row.sequence()));
                var node = output.object()
                        .put("dryRun", dryRun)
                        .put("rows", moved.rows().size());
                node.set("sequences", sequences);
                // The same keys whatever happened: null when nothing moved (a dry run, or no such row).
                if (moved.file() == null) {
                    node.putNull("file")
                            .putNull("fileSha256")
                            .putNull("sequence")
                            .putNull("lastSequence");
                } else {
                    node.put("file", moved.file().toString())
                            .put("fileSha256", moved.fileSha256())
                            .put("sequence", moved.sequence())
                            .put("lastSequence", moved.sequence());
                }
                output.json(node);
            } else if (moved.rows().isEmpty()) {
                output.line("No stored row is undecodable; nothing to quarantine.");
            } else {
                List<List<String>> rows = new ArrayList<>();
                for (LogRemoval.RawRow row : moved.rows()) {
                    rows.add(List.of(Long.toString(row.sequence()), row.type(), row.streamId()));
                }
                output.table(List.of("SEQUENCE", "TYPE", "STREAM"), rows);
                output.line(
                        dryRun
                                ? "Would move " + moved.rows().size() + " undecodable row(s) into a file under "
                                        + session.dataDirectory().resolve("quarantine") + "."
                                : "Moved " + moved.rows().size() + " undecodable row(s) to " + moved.file()
                                        + " (sha256 " + moved.fileSha256() + "), recorded at sequence "
                                        + moved.sequence()
                                        + ".");
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "backup", description = "Writes a consistent online copy of the store and checks it.")
    static final class Backup extends StoreCommand {
        @Parameters(paramLabel = "FILE", description = "The new file; an existing file is never overwritten.")
        Path file;

        @Override
        int run(Session session, Output output) {
            Path target = file.toAbsolutePath().normalize();
            if (Files.exists(target)) {
                throw CliFailure.refused(target + " already exists; a backup never overwrites a file");
            }
            CliFailure missing = IoErrors.missingDirectory(target);
            if (missing != null) {
                throw missing;
            }
            OwnerOnly.createFile(target); // the copy fills this empty file and keeps its mode
            Maintenance.Integrity integrity;
            try {
                integrity = session.maintenance().backup(target);
            } catch (RuntimeException e) {
                try {
                    Files.deleteIfExists(target);
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
            if (!integrity.sound()) {
                throw CliFailure.storage("the backup at " + target + " failed its integrity check: "
                        + String.join("; ", integrity.findings()));
            }
            if (output.json()) {
                output.json(output.object()
                        .put("file", target.toString())
                        .put("lastSequence", session.events().lastSequence())
                        .put("integrity", "ok"));
            } else {
                output.line("Backed up the store to " + target + " (integrity ok).");
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "completion", description = "Prints a bash completion script (zsh: load it with bashcompinit).")
    static final class Completion implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            ThreadlineCli root = (ThreadlineCli) spec.root().userObject();
            Output output = root.output();
            output.stream().print(AutoComplete.bash("threadline", root.commandLine()));
            output.check();
            return ExitCode.OK;
        }
    }
}
