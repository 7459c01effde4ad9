package dev.threadline.cli;

import dev.threadline.application.search.SearchFilter;
import dev.threadline.application.search.SearchHit;
import dev.threadline.domain.event.Role;
import dev.threadline.domain.id.ProjectId;
import dev.threadline.domain.id.ThreadId;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code search QUERY [--project ID] [--thread ID] [--role R] [--limit N]}. */
@Command(
        name = "search",
        description = {
            "Finds messages and thread titles across every thread, best match first.",
            "Words must all match; \"exact phrases\", prefix*, a OR b, -word to exclude. Every other character"
                    + " only separates words, so pasted code is a valid query. Matches are marked [like this]."
        })
final class SearchCommand extends StoreCommand {

    @Parameters(paramLabel = "QUERY", arity = "1..*", description = "The query; several arguments are joined.")
    List<String> query;

    @Option(names = "--project", paramLabel = "ID", description = "Only this project's threads.")
    ProjectId project;

    @Option(names = "--thread", paramLabel = "ID", description = "Only this thread's own messages and title.")
    ThreadId thread;

    @Option(names = "--role", paramLabel = "R", description = "Only messages of user, assistant, system or tool.")
    Role role;

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "" + SearchFilter.DEFAULT_LIMIT,
            description = "At most N results (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    int run(Session session, Output output) {
        // A filter naming no thread or project is a mistake, not an empty result.
        if (project != null) {
            session.queries().project(project);
        }
        if (thread != null) {
            session.queries().thread(thread);
        }
        SearchFilter filter = new SearchFilter(project, thread, role, limit);
        List<SearchHit> hits = session.queries().search(String.join(" ", query), filter);
        if (output.json()) {
            for (SearchHit hit : hits) {
                output.json(output.object()
                        .put("threadId", hit.threadId().toString())
                        .put("turnId", Output.text(hit.turnId()))
                        .put("messageId", Output.text(hit.messageId()))
                        .put("role", hit.role() == null ? null : hit.role().label())
                        .put("at", Output.text(hit.at()))
                        .put("score", hit.score())
                        .put("snippet", hit.snippet())
                        .put("threadTitle", hit.threadTitle())
                        .put("matchStart", SearchHit.MATCH_START)
                        .put("matchEnd", SearchHit.MATCH_END));
            }
            return ExitCode.OK;
        }
        if (hits.isEmpty()) {
            output.line("No match.");
            return ExitCode.OK;
        }
        for (SearchHit hit : hits) {
            String where = hit.messageId() == null
                    ? "title"
                    : "turn " + hit.turnOrdinal() + " · " + hit.role().label() + " · " + Output.text(hit.at());
            output.line(hit.threadTitle() + " · " + where + " · " + hit.threadId()
                    + (hit.messageId() == null ? "" : " · message " + hit.messageId()));
            output.line("    " + hit.snippet().replace('\n', ' '));
        }
        return ExitCode.OK;
    }
}
