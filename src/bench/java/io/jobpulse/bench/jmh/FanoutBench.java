package io.jobpulse.bench.jmh;

import io.jobpulse.job.Job;
import io.jobpulse.job.JobEvent;
import io.jobpulse.job.MemoryJobStore;
import io.jobpulse.push.Hub;
import io.jobpulse.push.JobUpdate;
import io.jobpulse.push.ReplyLimit;
import io.jobpulse.push.TestStats;
import io.jobpulse.push.Topic;
import io.jobpulse.push.WireFormat;
import jakarta.websocket.SendResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * One job change published through the hub to {@code subscribers} connections of one wire format:
 * encode once, then per connection the outbox's version check, queueing and the (instant) write.
 * Divide the time by the subscriber count for the cost per delivered event.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FanoutBench {

    private static final SendResult OK = new SendResult();

    @Param({"1", "100", "2000"})
    public int subscribers;

    @Param({"PLAIN", "SOCKET_IO"})
    public WireFormat format;

    private Hub hub;
    private String lastFrame;
    private Job job;
    private long version;

    @Setup
    public void setUp() {
        MemoryJobStore store = new MemoryJobStore(Clock.systemUTC());
        store.apply(JobEvent.started("job-1").forOwner("user-1", "bench"));
        hub = new Hub(TestStats.create());
        for (int i = 0; i < subscribers; i++) {
            var c = hub.connect("c" + i, format, (text, done) -> {
                lastFrame = text; // a field of the state object: the write cannot be optimised away
                done.onResult(OK);
            }, (code, reason) -> { }, new ReplyLimit(256, 1 << 20));
            hub.subscribe(c, Topic.job("job-1"));
        }
        job = store.find("job-1").orElseThrow();
        version = job.version();
    }

    @Benchmark
    public void publish() {
        version++;
        Instant now = Instant.now();
        hub.publish(new JobUpdate(new Job(job.jobId(), job.userId(), job.type(), job.status(), 50,
                "Parsing records (step 8 of 20)", null, null, version, job.createdAt(), now)));
    }
}
