package io.jobpulse.ingest.batch;

import io.jobpulse.job.Job;
import io.jobpulse.job.JobEvent;
import io.jobpulse.job.JobEvent.Kind;
import io.jobpulse.job.JobStatus;
import io.jobpulse.job.Jobs;
import jakarta.batch.api.chunk.listener.ChunkListener;
import jakarta.batch.api.listener.JobListener;
import jakarta.batch.api.listener.StepListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.Metric;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns a Jakarta Batch job's lifecycle into job events. List it in any job XML, on the job and on
 * each step whose progress should show:
 * <pre>{@code
 * <job id="import" ...>
 *   <listeners><listener ref="jobpulseListener"/></listeners>
 *   <step id="load">
 *     <listeners><listener ref="jobpulseListener"/></listeners>
 *     <chunk>...</chunk>
 *   </step>
 * </job>}</pre>
 *
 * <p>Job start → {@code started}; each step → its name as the message; each chunk → progress from
 * items read against the total ({@link ItemTotal} from the reader, else the {@code jobpulse.total}
 * parameter); completed → {@code completed} with exit status and per-step counts; failed →
 * {@code failed} with the step's exception message; stopped → a message only, the job stays
 * running so a restart continues it (see {@link BatchIdentity} for restarts after a failure), unless
 * the stop answers a cancellation request ({@link BatchRuns#onCancel}): then {@code cancelled}.
 *
 * <p>Events are fired as CDI events, like any application code. A chunk listener runs inside the
 * chunk's transaction, so its progress is applied when the chunk commits and never for a chunk that
 * rolls back. Nothing here is ever thrown to the batch runtime: reporting must not fail the job.
 */
@Named("jobpulseListener")
@Dependent
public class BatchProgressListener implements JobListener, StepListener, ChunkListener {

    private static final Logger LOG = Logger.getLogger(BatchProgressListener.class.getName());

    @Inject
    JobContext jobContext;

    /** Only resolvable inside a step; a job-level reference never asks for it. */
    @Inject
    Instance<StepContext> stepContext;

    @Inject
    BatchRuns runs;

    @Inject
    Event<JobEvent> events;

    @Inject
    Jobs jobs;

    @Override
    public void beforeJob() {
        report("beforeJob", () -> {
            BatchRun run = runs.of(jobContext);
            Optional<Job> current = jobs.find(run.identity().jobId());
            if (current.isPresent() && current.get().status() == JobStatus.RUNNING) {
                fire(run.event(Kind.PROGRESS, null, "Restarted (batch execution " + run.executionId() + ")", null, null));
            } else {
                fire(run.event(Kind.STARTED, null, "Batch job '" + jobContext.getJobName() + "' started (execution "
                        + run.executionId() + ")", null, null));
            }
        });
    }

    @Override
    public void beforeStep() {
        report("beforeStep", () -> fire(runs.of(jobContext).event(Kind.PROGRESS, null,
                "Step '" + stepContext.get().getStepName() + "'", null, null)));
    }

    @Override
    public void afterChunk() {
        report("afterChunk", () -> {
            BatchRun run = runs.of(jobContext);
            reportProgress(run, stepContext.get());
            // a cancellation requested on another node reaches this execution through the job's state
            if (jobs.find(run.identity().jobId()).map(Job::cancelRequested).orElse(false)) {
                runs.stop(run.executionId(), run.identity().jobId());
            }
        });
    }

    @Override
    public void afterStep() {
        report("afterStep", () -> {
            BatchRun run = runs.of(jobContext);
            StepContext step = stepContext.get();
            if (step.getBatchStatus() == BatchStatus.STOPPING || step.getBatchStatus() == BatchStatus.STOPPED) {
                // a stop commits the chunk it interrupts without an afterChunk: show where it stopped
                reportProgress(run, step);
            }
            run.stepEnded(step.getStepName(), step.getExitStatus(), step.getMetrics(), step.getException());
        });
    }

    @Override
    public void afterJob() {
        report("afterJob", () -> {
            BatchRun run = runs.of(jobContext);
            try {
                BatchStatus status = jobContext.getBatchStatus();
                String exitStatus = jobContext.getExitStatus();
                boolean cancelRequested = jobs.find(run.identity().jobId()).map(Job::cancelRequested).orElse(false);
                if ((status == BatchStatus.STOPPING || status == BatchStatus.STOPPED) && cancelRequested) {
                    fire(run.event(Kind.CANCELLED, null, null, null, "Cancelled: batch execution "
                            + run.executionId() + " stopped"));
                } else if (status == BatchStatus.STOPPING || status == BatchStatus.STOPPED) {
                    fire(run.event(Kind.PROGRESS, null, "Stopped (batch execution " + run.executionId()
                            + "); a restart continues this job", null, null));
                } else if (status == BatchStatus.FAILED) {
                    String error = run.failure() != null ? run.failure()
                            : "Batch job failed with exit status " + exitStatus;
                    fire(run.event(Kind.FAILED, null, null, null, error));
                } else {
                    fire(run.event(Kind.COMPLETED, null, null, run.result(jobContext.getJobName(), exitStatus), null));
                }
            } finally {
                runs.end(run.executionId());
            }
        });
    }

    @Override
    public void beforeChunk() {
        // progress is reported once a chunk is done
    }

    @Override
    public void onError(Exception e) {
        // the failure is reported once, by afterJob, with the step's exception
    }

    /** Items read (and read-skipped) so far against the step's total, when there is one. */
    private void reportProgress(BatchRun run, StepContext step) {
        long read = count(step, Metric.MetricType.READ_COUNT) + count(step, Metric.MetricType.READ_SKIP_COUNT);
        ItemTotal total = step.getTransientUserData() instanceof ItemTotal t ? t
                : run.identity().total() == null ? null : new ItemTotal(run.identity().total());
        if (total == null) {
            fire(run.event(Kind.PROGRESS, null, step.getStepName() + ": " + read + " items", null, null));
            return;
        }
        int percent = total.percent(read);
        // after a restart counted from zero (no ItemTotal from the reader) keep what was shown
        int shown = jobs.find(run.identity().jobId()).map(Job::progress).orElse(0);
        fire(run.event(Kind.PROGRESS, percent >= shown ? percent : null,
                step.getStepName() + ": " + total.done(read) + " of " + total.total() + " items", null, null));
    }

    private void fire(JobEvent event) {
        events.fire(event);
    }

    private static long count(StepContext step, Metric.MetricType type) {
        for (Metric m : step.getMetrics()) {
            if (m.getType() == type) {
                return m.getValue();
            }
        }
        return 0;
    }

    private void report(String callback, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "jobpulse could not report " + callback + " of batch job "
                    + jobContext.getJobName() + " (execution " + jobContext.getExecutionId() + ")", e);
        }
    }
}
