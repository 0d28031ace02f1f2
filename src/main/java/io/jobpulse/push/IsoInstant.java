package io.jobpulse.push;

import java.time.Instant;

/**
 * Appends an instant exactly as {@link Instant#toString()} writes it ({@code 2026-12-03T10:41:17.123456Z}:
 * the fraction in groups of three digits, none when zero), without the formatter's temporary objects:
 * it runs once per pushed change, where {@code Instant.toString} was a few per cent of all the
 * memory the push path allocates (docs/benchmarks.md, "Allocation"). Years outside 0000-9999, which
 * {@code toString} writes with a sign, are left to it.
 */
final class IsoInstant {

    private static final long SECONDS_PER_DAY = 86_400;
    /** 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z in epoch seconds. */
    private static final long MIN_SECOND = -62_167_219_200L;
    private static final long MAX_SECOND = 253_402_300_800L;

    private IsoInstant() {
    }

    static StringBuilder append(StringBuilder b, Instant t) {
        long seconds = t.getEpochSecond();
        if (seconds < MIN_SECOND || seconds >= MAX_SECOND) {
            return b.append(t);
        }
        long days = Math.floorDiv(seconds, SECONDS_PER_DAY);
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        appendDate(b, days);
        b.append('T');
        two(b, secondOfDay / 3600).append(':');
        two(b, secondOfDay / 60 % 60).append(':');
        two(b, secondOfDay % 60);
        int nanos = t.getNano();
        if (nanos != 0) {
            b.append('.');
            if (nanos % 1_000_000 == 0) {
                digits(b, nanos / 1_000_000, 3);
            } else if (nanos % 1000 == 0) {
                digits(b, nanos / 1000, 6);
            } else {
                digits(b, nanos, 9);
            }
        }
        return b.append('Z');
    }

    /** The proleptic Gregorian date of a day count since 1970-01-01 (civil-from-days, eras of 400 years). */
    private static void appendDate(StringBuilder b, long epochDay) {
        long z = epochDay + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long shiftedMonth = (5 * dayOfYear + 2) / 153; // March = 0
        int day = (int) (dayOfYear - (153 * shiftedMonth + 2) / 5 + 1);
        int month = (int) (shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        digits(b, (int) year, 4).append('-');
        two(b, month).append('-');
        two(b, day);
    }

    private static StringBuilder two(StringBuilder b, int value) {
        return digits(b, value, 2);
    }

    private static StringBuilder digits(StringBuilder b, int value, int width) {
        for (int div = pow10(width - 1); div > 0; div /= 10) {
            b.append((char) ('0' + value / div % 10));
        }
        return b;
    }

    private static int pow10(int n) {
        int p = 1;
        for (int i = 0; i < n; i++) {
            p *= 10;
        }
        return p;
    }
}
