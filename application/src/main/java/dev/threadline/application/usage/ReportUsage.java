package dev.threadline.application.usage;

import dev.threadline.application.port.Maintenance;
import dev.threadline.application.port.Maintenance.StreamSize;
import dev.threadline.application.query.Queries;
import dev.threadline.application.readmodel.ProjectView;
import dev.threadline.application.readmodel.ThreadFilter;
import dev.threadline.application.readmodel.ThreadView;
import dev.threadline.application.usage.UsageReport.ProjectUsage;
import dev.threadline.application.usage.UsageReport.ThreadUsage;
import dev.threadline.domain.error.InvalidInput;
import dev.threadline.domain.event.Event;
import dev.threadline.domain.id.ProjectId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reports where a store's bytes are: its size and free space, each table's share, and the threads
 * and projects whose events take the most. A stream that is neither a known project nor the settings
 * or store stream counts as a thread (one the read models do not know is listed without title).
 * It only reads, and may run while other processes write.
 */
public final class ReportUsage {

    /** How many threads and projects a report lists unless told otherwise. */
    public static final int DEFAULT_TOP = 10;

    private static final String STORE_STREAM = "store";

    private final Maintenance maintenance;
    private final Queries queries;

    /**
     * @param maintenance the store's sizes
     * @param queries the read models, which name threads and projects
     */
    public ReportUsage(Maintenance maintenance, Queries queries) {
        this.maintenance = maintenance;
        this.queries = queries;
    }

    /**
     * The report, with the largest {@code top} threads and projects.
     *
     * @throws InvalidInput when {@code top} is negative
     */
    public UsageReport report(int top) {
        if (top < 0) {
            throw new InvalidInput("the number of threads and projects to list must be 0 or more, not " + top);
        }
        Maintenance.Size size = maintenance.size();
        List<StreamSize> streams = maintenance.streamSizes();
        Map<String, ProjectView> projects = new HashMap<>();
        for (ProjectView project : queries.projects(true)) {
            projects.put(project.id().toString(), project);
        }
        Map<String, ThreadView> threads = new HashMap<>();
        for (ThreadView thread : queries.threads(new ThreadFilter(null, true, true))) {
            threads.put(thread.id().toString(), thread);
        }
        long events = 0;
        long eventBytes = 0;
        List<ThreadUsage> threadUsage = new ArrayList<>();
        Map<ProjectId, long[]> projectTotals = new HashMap<>(); // threads, events, bytes
        for (StreamSize stream : streams) {
            events += stream.events();
            eventBytes += stream.bytes();
            ProjectView project = projects.get(stream.streamId());
            if (project != null) {
                add(projectTotals, project.id(), 0, stream);
            } else if (!isStoreWide(stream.streamId())) {
                ThreadView thread = threads.get(stream.streamId());
                threadUsage.add(new ThreadUsage(
                        stream.streamId(),
                        thread == null ? null : thread.projectId(),
                        thread == null ? null : thread.title(),
                        stream.events(),
                        stream.bytes()));
                if (thread != null) {
                    add(projectTotals, thread.projectId(), 1, stream);
                }
            }
        }
        List<ProjectUsage> projectUsage = projectTotals.entrySet().stream()
                .map(entry -> {
                    ProjectView project = projects.get(entry.getKey().toString());
                    long[] totals = entry.getValue();
                    return new ProjectUsage(
                            entry.getKey(), project == null ? null : project.name(), totals[0], totals[1], totals[2]);
                })
                .sorted(Comparator.comparingLong(ProjectUsage::bytes)
                        .reversed()
                        .thenComparing(usage -> usage.projectId().toString()))
                .limit(top)
                .toList();
        List<ThreadUsage> largestThreads = threadUsage.stream()
                .sorted(Comparator.comparingLong(ThreadUsage::bytes).reversed().thenComparing(ThreadUsage::threadId))
                .limit(top)
                .toList();
        return new UsageReport(
                maintenance.location(),
                size.bytes(),
                size.freeBytes(),
                maintenance.availableBytes(),
                size.tables(),
                events,
                eventBytes,
                largestThreads,
                projectUsage);
    }

    private static boolean isStoreWide(String streamId) {
        return streamId.equals(Event.SETTINGS_STREAM) || streamId.equals(STORE_STREAM);
    }

    private static void add(Map<ProjectId, long[]> totals, ProjectId project, int threads, StreamSize stream) {
        long[] sums = totals.computeIfAbsent(project, key -> new long[3]);
        sums[0] += threads;
        sums[1] += stream.events();
        sums[2] += stream.bytes();
    }
}
