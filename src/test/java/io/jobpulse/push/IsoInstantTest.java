package io.jobpulse.push;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IsoInstantTest {

    private static String written(Instant t) {
        return IsoInstant.append(new StringBuilder(), t).toString();
    }

    @Test
    void writesWhatInstantToStringWrites() {
        for (Instant t : new Instant[]{
                Instant.EPOCH,
                Instant.parse("2026-12-03T10:41:17Z"),
                Instant.parse("2026-12-03T10:41:17.100Z"),
                Instant.parse("2026-12-03T10:41:17.123456Z"),
                Instant.parse("2026-12-03T10:41:17.123456789Z"),
                Instant.parse("2026-12-03T10:41:17.000001Z"),
                Instant.parse("2026-12-03T10:41:17.000000001Z"),
                Instant.parse("2024-02-29T23:59:59.999Z"),
                Instant.parse("2000-03-01T00:00:00Z"),
                Instant.parse("1900-02-28T12:00:00Z"),
                Instant.parse("1969-12-31T23:59:59.5Z"),
                Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("-0001-12-31T23:59:59Z"),
                Instant.MAX,
                Instant.MIN}) {
            assertEquals(t.toString(), written(t), t::toString);
        }
    }

    @Test
    void agreesWithInstantToStringOnRandomInstantsAcrossTenThousandYears() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 200_000; i++) {
            long seconds = random.nextLong(-62_167_219_200L - 86_400L * 800, 253_402_300_800L + 86_400L * 800);
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant t = Instant.ofEpochSecond(seconds, nanos);
            assertEquals(t.toString(), written(t));
        }
    }
}
