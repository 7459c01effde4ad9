package dev.threadline.json;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Parses the stored timestamps ({@link Instant#toString()}: {@code 2026-11-23T21:00:00.123456Z})
 * by their fixed layout, without {@link Instant#parse}'s general formatter, the costliest step of
 * decoding a row. Anything else is handed to {@link Instant#parse}, so the result and the errors
 * are the same; and formats them as {@link Instant#toString()} does, without its general
 * formatter either. Both stores keep timestamps in this text.
 *
 * <p>An instance remembers the last text it parsed (a batch shares one {@code recordedAt}) and is
 * for one thread; the static methods are for any.
 */
public final class Timestamps {

    private String lastText;
    private Instant lastInstant;

    /** A parser that reuses the instant of a text equal to the previous one. */
    public Timestamps() {}

    /**
     * Parses a stored timestamp; a text equal to the previous one (a batch's recordedAt) is reused.
     *
     * @param text the stored text
     * @return the instant it names
     * @throws java.time.format.DateTimeParseException when the text is not an instant
     */
    public Instant parse(String text) {
        if (text.equals(lastText)) {
            return lastInstant;
        }
        Instant parsed = parseOnce(text);
        lastText = text;
        lastInstant = parsed;
        return parsed;
    }

    /**
     * Parses a stored timestamp.
     *
     * @param text the stored text
     * @return the instant it names
     * @throws java.time.format.DateTimeParseException when the text is not an instant
     */
    public static Instant parseOnce(String text) {
        int length = text.length();
        if (length < 20
                || length > 30
                || text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || text.charAt(10) != 'T'
                || text.charAt(13) != ':'
                || text.charAt(16) != ':'
                || text.charAt(length - 1) != 'Z') {
            return Instant.parse(text);
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int nanos = 0;
        if (length > 20) {
            int fraction = length - 21;
            if (text.charAt(19) != '.' || fraction < 1 || fraction > 9) {
                return Instant.parse(text);
            }
            nanos = digits(text, 20, length - 1);
            for (int i = fraction; i < 9; i++) {
                nanos *= 10;
            }
        }
        if (year < 0
                || month < 0
                || day < 0
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59
                || nanos < 0) {
            return Instant.parse(text);
        }
        try {
            long days = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
        } catch (DateTimeException e) {
            return Instant.parse(text);
        }
    }

    /** The last whole second formatted, shared by every thread (an immutable pair, so a race is harmless). */
    private static volatile Second lastSecond = new Second(Long.MIN_VALUE, "");

    /** An epoch second and its text without the zone, {@code 2026-11-23T21:00:00}. */
    private record Second(long epochSecond, String text) {}

    /** 9999-12-31T23:59:59Z: past it {@link Instant#toString()} writes a sign and more digits. */
    private static final long LAST_FOUR_DIGIT_SECOND = 253_402_300_799L;

    /**
     * The text {@link Instant#toString()} gives, made without its general formatter: the date and
     * time of the second are formatted once per second, the fraction (0, 3, 6 or 9 digits, as
     * {@link java.time.format.DateTimeFormatter#ISO_INSTANT} writes it) by hand.
     *
     * @param instant the instant
     * @return its text, equal to {@code instant.toString()}
     */
    public static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < 0 || seconds > LAST_FOUR_DIGIT_SECOND) {
            return instant.toString();
        }
        Second second = lastSecond;
        if (second.epochSecond() != seconds) {
            String whole = Instant.ofEpochSecond(seconds).toString();
            second = new Second(seconds, whole.substring(0, whole.length() - 1));
            lastSecond = second;
        }
        int nanos = instant.getNano();
        if (nanos == 0) {
            return second.text() + 'Z';
        }
        StringBuilder text = new StringBuilder(second.text().length() + 11).append(second.text());
        if (nanos % 1_000_000 == 0) {
            fraction(text, nanos / 1_000_000, 3);
        } else if (nanos % 1_000 == 0) {
            fraction(text, nanos / 1_000, 6);
        } else {
            fraction(text, nanos, 9);
        }
        return text.append('Z').toString();
    }

    private static void fraction(StringBuilder text, int value, int digits) {
        text.append('.');
        String number = Integer.toString(value);
        for (int i = number.length(); i < digits; i++) {
            text.append('0');
        }
        text.append(number);
    }

    /** The number written in text[from, to), or -1 when a character is not a digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
