package io.jobpulse.push;

import org.eclipse.microprofile.metrics.Counter;

import java.util.concurrent.atomic.LongAdder;

/** PushStats over plain counters, for tests and benchmarks without a metrics runtime. */
public final class TestStats {

    private TestStats() {
    }

    public static PushStats create() {
        return new PushStats(new Plain(), new Plain(), new Plain(), new Plain(), null);
    }

    private static final class Plain implements Counter {
        private final LongAdder count = new LongAdder();

        @Override
        public void inc() {
            count.increment();
        }

        @Override
        public void inc(long n) {
            count.add(n);
        }

        @Override
        public long getCount() {
            return count.sum();
        }
    }
}
