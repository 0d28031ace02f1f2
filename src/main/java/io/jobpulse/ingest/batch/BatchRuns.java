package io.jobpulse.ingest.batch;

import io.jobpulse.job.CancelRequested;
import io.jobpulse.job.NodeIdentity;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.JobInstance;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The batch executions being reported now, by execution id; an entry lives from first callback to {@code afterJob}. */
@ApplicationScoped
public class BatchRuns {

    private static final Logger LOG = Logger.getLogger(BatchRuns.class.getName());

    @Inject
    NodeIdentity node;

    private final ConcurrentHashMap<Long, BatchRun> runs = new ConcurrentHashMap<>();

    /** This execution's run, resolved from its job parameters on first use. */
    BatchRun of(JobContext job) {
        return runs.computeIfAbsent(job.getExecutionId(), id -> new BatchRun(resolve(job), id, node.id()));
    }

    void end(long executionId) {
        runs.remove(executionId);
    }

    /**
     * Stops the executions reporting to a job someone asked to cancel; the listener's {@code afterJob}
     * then confirms the cancellation. Executions of other servers are not in this map: their listener
     * sees {@code cancelRequested} after its next chunk and stops them ({@link BatchProgressListener}).
     */
    void onCancel(@Observes CancelRequested request) {
        String jobId = request.job().jobId();
        runs.forEach((executionId, run) -> {
            if (run.identity().jobId().equals(jobId)) {
                stop(executionId, jobId);
            }
        });
    }

    /** Stops an execution that is still running; one already stopping is left alone. */
    void stop(long executionId, String jobId) {
        try {
            JobOperator operator = BatchRuntime.getJobOperator();
            if (operator.getJobExecution(executionId).getBatchStatus() == BatchStatus.STARTED) {
                operator.stop(executionId);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not stop batch execution " + executionId + " of job " + jobId, e);
        }
    }

    private static BatchIdentity resolve(JobContext job) {
        JobOperator operator = BatchRuntime.getJobOperator();
        long executionId = job.getExecutionId();
        JobInstance instance = operator.getJobInstance(executionId);
        List<JobExecution> executions = operator.getJobExecutions(instance).stream()
                .sorted(Comparator.comparingLong(JobExecution::getExecutionId))
                .toList();
        // a restart may pass no parameters: the first execution's jobpulse.* still apply
        Properties params = new Properties();
        if (!executions.isEmpty()) {
            copy(operator.getParameters(executions.get(0).getExecutionId()), params);
        }
        copy(operator.getParameters(executionId), params);
        int failedBefore = (int) executions.stream()
                .filter(e -> e.getExecutionId() < executionId && e.getBatchStatus() == BatchStatus.FAILED)
                .count();
        BatchIdentity identity = BatchIdentity.of(params, job.getJobName(), job.getInstanceId(), failedBefore);
        if (params.getProperty(BatchIdentity.TOTAL) != null && identity.total() == null) {
            LOG.log(Level.WARNING, "Batch job {0}: ignoring job parameter {1}, not a positive number",
                    new Object[]{job.getJobName(), BatchIdentity.TOTAL});
        }
        return identity;
    }

    private static void copy(Properties from, Properties to) {
        if (from != null) {
            from.stringPropertyNames().forEach(name -> to.setProperty(name, from.getProperty(name)));
        }
    }
}
