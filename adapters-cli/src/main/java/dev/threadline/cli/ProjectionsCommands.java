package dev.threadline.cli;

import dev.threadline.application.lifecycle.StoreUpkeep;
import dev.threadline.application.projection.ProjectionDifference;
import dev.threadline.application.projection.Projections;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code projections status | rebuild | verify}. */
@Command(name = "projections", description = "Inspect, rebuild and verify the read models.")
final class ProjectionsCommands extends GroupCommand {

    @Command(name = "status", description = "Where each projector stands against the log.")
    static final class Status extends StoreCommand {
        @Override
        int run(Session session, Output output) {
            Projections.ProjectionStatus status = session.projections().status();
            if (output.json()) {
                output.json(output.object()
                        .put("projector", status.projector())
                        .put("position", status.position())
                        .put("lastSequence", status.lastSequence())
                        .put("lag", status.lag()));
            } else {
                output.table(
                        List.of("PROJECTOR", "POSITION", "LAST SEQUENCE", "LAG"),
                        List.of(List.of(
                                status.projector(),
                                Long.toString(status.position()),
                                Long.toString(status.lastSequence()),
                                Long.toString(status.lag()))));
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "rebuild", description = "Rebuilds the read models from the whole log, in one transaction.")
    static final class Rebuild extends StoreCommand {
        @Mixin
        CommandIdOption commandId = new CommandIdOption();

        @Override
        int run(Session session, Output output) {
            String receiptId = commandId.checked();
            StoreUpkeep.Rebuilt rebuilt;
            try (Progress progress =
                    new Progress(root().err(), "rebuild", session.events().lastSequence())) {
                rebuilt = session.lifecycle().upkeep().rebuild(progress, receiptId);
            }
            if (output.json()) {
                output.json(
                        output.object().put("applied", rebuilt.applied()).put("lastSequence", rebuilt.lastSequence()));
            } else {
                output.line("Rebuilt the read models from " + rebuilt.applied() + " event(s).");
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "verify", description = "Compares the read models with a fresh rebuild; exit 1 when they differ.")
    static final class Verify extends StoreCommand {
        @Override
        int run(Session session, Output output) {
            Projections.Verification verification;
            try (Progress progress =
                    new Progress(root().err(), "verify", session.events().lastSequence())) {
                verification = session.projections().verify(progress);
            }
            if (output.json()) {
                var differences = output.array();
                for (ProjectionDifference difference : verification.differences()) {
                    differences.add(output.object()
                            .put("table", difference.table())
                            .put("key", difference.key())
                            .put("column", difference.column())
                            .put("expected", difference.expected())
                            .put("actual", difference.actual()));
                }
                var node = output.object()
                        .put("clean", verification.clean())
                        .put("position", verification.position())
                        .put("lastSequence", verification.lastSequence());
                node.set("differences", differences);
                output.json(node);
            } else if (verification.clean()) {
                output.line("The read models match a fresh rebuild up to sequence " + verification.position() + ".");
            } else {
                List<List<String>> rows = new ArrayList<>();
                for (ProjectionDifference difference : verification.differences()) {
                    rows.add(List.of(
                            difference.table(),
                            difference.key(),
                            difference.column(),
                            String.valueOf(difference.expected()),
                            String.valueOf(difference.actual())));
                }
                output.table(List.of("TABLE", "KEY", "COLUMN", "EXPECTED", "ACTUAL"), rows);
            }
            if (!verification.clean()) {
                root().err()
                        .println("threadline: the read models differ from a fresh rebuild in "
                                + verification.differences().size()
                                + " place(s); run 'threadline projections rebuild'.");
                return ExitCode.REFUSED;
            }
            return ExitCode.OK;
        }
    }
}
