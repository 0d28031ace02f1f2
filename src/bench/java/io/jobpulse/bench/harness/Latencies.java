package io.jobpulse.bench.harness;

import java.util.Arrays;

/** Latency samples in nanoseconds, kept whole (a run has at most a few million) for exact percentiles. */
final class Latencies {

    private long[] samples = new long[1 << 16];
    private int size;

    void add(long nanos) {
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, size * 2);
        }
        samples[size++] = nanos;
    }

    void addAll(Latencies other) {
        for (int i = 0; i < other.size; i++) {
            add(other.samples[i]);
        }
    }

    /** Empties the samples (keeps the buffer). */
    void clear() {
        size = 0;
    }

    int count() {
        return size;
    }

    /** Percentiles in milliseconds, in the order asked, after sorting; 0 when empty. */
    double[] percentilesMillis(double... percentiles) {
        long[] sorted = Arrays.copyOf(samples, size);
        Arrays.sort(sorted);
        double[] out = new double[percentiles.length];
        for (int i = 0; i < percentiles.length; i++) {
            if (size == 0) {
                continue;
            }
            int rank = (int) Math.ceil(percentiles[i] / 100.0 * size) - 1;
            out[i] = sorted[Math.max(0, Math.min(size - 1, rank))] / 1e6;
        }
        return out;
    }
}
