package io.jobpulse.demo;

import io.jobpulse.job.CancelRequested;
import io.jobpulse.job.JobHandle;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.event.Observes;
import jakarta.json.Json;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Walks a demo job from 0 to 100 % in equal steps on the managed scheduler (no thread sleeps
 * between steps), then completes it with a small result, or fails it at about 60 % if asked. A
 * cancellation request stops it at its next step, which confirms it with a {@code cancelled} event.
 */
@ApplicationScoped
public class DemoJobRunner {

    private static final String[] PHASES = {"Reading input", "Parsing records", "Transforming", "Writing output"};

    @Resource
    ManagedScheduledExecutorService scheduler;

    /** The demo jobs running here → whether they were asked to stop; an entry lives until the job's last step. */
    private final ConcurrentHashMap<String, Boolean> running = new ConcurrentHashMap<>();

    void onCancel(@Observes CancelRequested request) {
        running.replace(request.job().jobId(), Boolean.TRUE);
    }

    public void run(JobHandle job, DemoRequest request) {
        running.put(job.jobId(), Boolean.FALSE);
        scheduler.schedule(() -> step(job, request, 1), request.stepMillis(), TimeUnit.MILLISECONDS);
    }

    private void step(JobHandle job, DemoRequest request, int step) {
        int steps = request.steps();
        if (running.remove(job.jobId(), Boolean.TRUE)) {
            job.cancel("Cancelled at step " + step + " of " + steps);
            return;
        }
        if (request.fail() && step > steps * 6 / 10) {
            running.remove(job.jobId());
            job.fail("Simulated failure at step " + step + " of " + steps);
            return;
        }
        if (step >= steps) {
            running.remove(job.jobId());
            job.complete(Json.createObjectBuilder()
                    .add("steps", steps)
                    .add("records", steps * 50)
                    .build(), "Done");
            return;
        }
        int percent = step * 100 / steps;
        String phase = PHASES[Math.min(PHASES.length - 1, step * PHASES.length / steps)];
        job.progress(percent, phase + " (step " + step + " of " + steps + ")");
        scheduler.schedule(() -> step(job, request, step + 1), request.stepMillis(), TimeUnit.MILLISECONDS);
    }
}
