package dev.threadline.application.lifecycle;

import dev.threadline.application.readmodel.ThreadView;
import dev.threadline.domain.error.InvalidInput;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which threads a retention sweep purges: those archived, or deleted, and unchanged since before
 * a cutoff. A thread that is archived and deleted counts as deleted.
 *
 * @param archivedBefore the cutoff for archived threads, or null to keep every archived thread
 * @param deletedBefore the cutoff for deleted threads, or null to keep every deleted thread
 * @param asGiven the policy as the caller wrote it ({@code archived-before=30d}, …): what a sweep
 *     repeated under its command id must match, where the cutoffs of a relative age move with time
 */
public record RetentionPolicy(Instant archivedBefore, Instant deletedBefore, String asGiven) {

    private static final Pattern AGE = Pattern.compile("(\\d{1,9})([dh])");

    /** Checks that the policy selects something; without a text as given, the cutoffs are it. */
    public RetentionPolicy {
        if (archivedBefore == null && deletedBefore == null) {
            throw new InvalidInput("a retention sweep needs a cutoff for archived threads, deleted threads or both");
        }
        if (asGiven == null) {
            asGiven = "archived-before=" + archivedBefore + " deleted-before=" + deletedBefore;
        }
    }

    /** A policy of two cutoffs, each null for none. */
    public RetentionPolicy(Instant archivedBefore, Instant deletedBefore) {
        this(archivedBefore, deletedBefore, null);
    }

    /**
     * The policy two ages name (each null for none), as {@link #cutoff} reads them from {@code now}.
     *
     * @throws InvalidInput when an age is malformed or both are absent
     */
    public static RetentionPolicy of(String archivedAge, String deletedAge, Instant now) {
        return new RetentionPolicy(
                archivedAge == null ? null : cutoff(archivedAge, now),
                deletedAge == null ? null : cutoff(deletedAge, now),
                "archived-before=" + archivedAge + " deleted-before=" + deletedAge);
    }

    /** Whether the sweep purges this thread. */
    public boolean selects(ThreadView thread) {
        Instant cutoff = thread.deleted() ? deletedBefore : thread.archived() ? archivedBefore : null;
        return cutoff != null && thread.lastActivityAt().isBefore(cutoff);
    }

    /**
     * The cutoff an age names: {@code 30d} (days) or {@code 12h} (hours) before {@code now}, or an
     * ISO date ({@code 2026-11-01}, midnight UTC) or instant ({@code 2026-11-01T12:00:00Z}).
     *
     * @throws InvalidInput naming the accepted forms when the age is malformed
     */
    public static Instant cutoff(String age, Instant now) {
        String text = age == null ? "" : age.strip();
        Matcher relative = AGE.matcher(text);
        if (relative.matches()) {
            long amount = Long.parseLong(relative.group(1));
            return now.minus(relative.group(2).equals("d") ? Duration.ofDays(amount) : Duration.ofHours(amount));
        }
        try {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException notADate) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException notAnInstant) {
                throw new InvalidInput("the age '" + age
                        + "' is malformed: give days (30d), hours (12h), an ISO date (2026-11-01) or an ISO instant");
            }
        }
    }
}
