package dev.threadline.application.lifecycle;

import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import java.nio.file.Path;

/**
 * What a purge of a thread removes, as a dry run reports it.
 *
 * @param threadId the thread
 * @param projectId its project
 * @param title its title
 * @param events how many of its events go
 * @param bytes their size in the export format, which is the archive's size
 * @param archive where the archive goes, or null when none is kept
 */
public record PurgePlan(ThreadId threadId, ProjectId projectId, String title, long events, long bytes, Path archive) {}
