package io.jobpulse.bench.jmh;

import io.jobpulse.job.JobEvent;
import io.jobpulse.job.MemoryJobStore;
import io.jobpulse.job.Outcome;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

/** One progress event applied to the memory store (lifecycle rules, new version, new state). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class StoreApplyBench {

    private static final int JOBS = 10_000;

    private MemoryJobStore store;
    private JobEvent[] events;
    private int next;

    @Setup
    public void setUp() {
        store = new MemoryJobStore(Clock.systemUTC());
        events = new JobEvent[JOBS];
        for (int i = 0; i < JOBS; i++) {
            store.apply(JobEvent.started("job-" + i).forOwner("user-" + (i % 100), "bench"));
            events[i] = JobEvent.progress("job-" + i, 50, "Parsing records (step 8 of 20)");
        }
    }

    @Benchmark
    public Outcome applyProgress() {
        JobEvent event = events[next];
        next = next + 1 == JOBS ? 0 : next + 1;
        return store.apply(event);
    }
}
