package io.jobpulse.bench.jmh;

import io.jobpulse.job.Job;
import io.jobpulse.job.JobStatus;
import io.jobpulse.job.JsonbProducer;
import io.jobpulse.push.JobPayload;
import io.jobpulse.push.JobUpdate;
import io.jobpulse.push.WireFormat;
import jakarta.json.bind.Jsonb;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * One job change encoded as the push frame of a wire format (payload JSON + envelope), and the
 * payload alone written directly ({@code payload}) versus through JSON-B ({@code payloadJsonb}, how
 * it was done before: kept as the reference the direct writer is measured against).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EncodeBench {

    @Param({"PLAIN", "SOCKET_IO"})
    public WireFormat format;

    private Jsonb jsonb;
    private Job job;

    @Setup
    public void setUp() {
        jsonb = JsonbProducer.create();
        Instant now = Instant.now();
        job = new Job("note-import-42", "user123", "note-import", JobStatus.RUNNING, 40,
                "Parsing records (step 8 of 20)", null, null, 9, now, now);
    }

    @TearDown
    public void tearDown() throws Exception {
        jsonb.close();
    }

    @Benchmark
    public String frame() {
        return new JobUpdate(job).frame(format);
    }

    @Benchmark
    public String payload() {
        return JobPayload.of(job).json();
    }

    @Benchmark
    public String payloadJsonb() {
        return jsonb.toJson(JobPayload.of(job));
    }
}
