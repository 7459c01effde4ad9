package dev.threadline.application.usage;

import dev.threadline.application.port.Maintenance.TableSize;
import dev.threadline.domain.id.ProjectId;
import java.util.List;
import java.util.OptionalLong;

/**
 * Where a store's bytes are.
 *
 * @param location where the store is, as a person would look for it
 * @param bytes the store's size
 * @param freeBytes space inside it that holds no data, which compaction gives back
 * @param availableBytes the free space of the file system that holds the store, when known
 * @param tables each table's share (its indexes included), largest first
 * @param events how many events the log holds
 * @param eventBytes the bytes those events take (every stored field, indexes not counted)
 * @param threads the threads whose events take the most bytes, largest first
 * @param projects the projects whose events and threads' events take the most bytes, largest first
 */
public record UsageReport(
        String location,
        long bytes,
        long freeBytes,
        OptionalLong availableBytes,
        List<TableSize> tables,
        long events,
        long eventBytes,
        List<ThreadUsage> threads,
        List<ProjectUsage> projects) {

    /** Copies the lists. */
    public UsageReport {
        tables = List.copyOf(tables);
        threads = List.copyOf(threads);
        projects = List.copyOf(projects);
    }

    /**
     * A thread's share of the log.
     *
     * @param threadId the thread's stream id
     * @param projectId its project, or null when the read models do not know the thread
     * @param title its title, or null when the read models do not know the thread
     * @param events how many events its stream holds
     * @param bytes the bytes they take
     */
    public record ThreadUsage(String threadId, ProjectId projectId, String title, long events, long bytes) {}

    /**
     * A project's share of the log: its own stream and its threads'.
     *
     * @param projectId the project
     * @param name its name
     * @param threads how many of its threads hold events
     * @param events how many events its stream and its threads' streams hold
     * @param bytes the bytes they take
     */
    public record ProjectUsage(ProjectId projectId, String name, long threads, long events, long bytes) {}
}
