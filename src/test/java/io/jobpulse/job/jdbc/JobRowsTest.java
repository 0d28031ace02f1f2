package io.jobpulse.job.jdbc;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JobRowsTest {

    @Test
    void timestampIsTheInstantAtUtc() {
        for (Instant t : new Instant[]{
                Instant.EPOCH,
                Instant.parse("2026-12-03T10:41:17.123456Z"),
                Instant.parse("2024-02-29T23:59:59.999999999Z"),
                Instant.parse("1969-12-31T23:59:59.5Z"),
                Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("-0001-12-31T23:59:59.000001Z"),
                Instant.parse("9999-12-31T23:59:59.999999Z")}) {
            assertEquals(t.atOffset(ZoneOffset.UTC), JobRows.timestamp(t), t.toString());
        }
    }

    @Test
    void timestampMatchesAtOffsetForRandomInstants() {
        SplittableRandom random = new SplittableRandom(20261203);
        // years -5000 to 5000, any nanosecond
        long span = 5000L * 366 * 86_400;
        for (int i = 0; i < 200_000; i++) {
            Instant t = Instant.ofEpochSecond(random.nextLong(-span - 62_135_596_800L, span), random.nextInt(1_000_000_000));
            assertEquals(t.atOffset(ZoneOffset.UTC), JobRows.timestamp(t), t.toString());
        }
    }
}
