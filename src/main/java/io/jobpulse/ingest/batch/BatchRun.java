package io.jobpulse.ingest.batch;

import io.jobpulse.job.JobEvent;
import jakarta.batch.runtime.Metric;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the listener remembers about one batch execution between its callbacks: where it reports
 * and, for the final event, each step's counts and the first failure. Job- and step-level listener
 * references are separate instances, so this lives in {@link BatchRuns}, not in the listener.
 */
final class BatchRun {

    private final BatchIdentity identity;
    /** This server: a batch execution does not survive it (in-memory batch state), so neither does its job. */
    private final String node;
    private final long executionId;
    private final List<JsonObject> steps = new ArrayList<>();
    private String failure;

    BatchRun(BatchIdentity identity, long executionId, String node) {
        this.node = node;
        this.identity = identity;
        this.executionId = executionId;
    }

    BatchIdentity identity() {
        return identity;
    }

    long executionId() {
        return executionId;
    }

    /** An event for this run's job; it always names the owner, so any event can create the job. */
    JobEvent event(JobEvent.Kind kind, Integer progress, String message, JsonValue result, String error) {
        return new JobEvent(kind, identity.jobId(), identity.userId(), identity.jobType(), progress, message,
                result, error, null, identity.staleAfterSeconds(), node);
    }

    synchronized void stepEnded(String step, String exitStatus, Metric[] metrics, Exception exception) {
        Map<Metric.MetricType, Long> m = new EnumMap<>(Metric.MetricType.class);
        for (Metric metric : metrics == null ? new Metric[0] : metrics) {
            m.put(metric.getType(), metric.getValue());
        }
        JsonObjectBuilder counts = Json.createObjectBuilder().add("step", step);
        if (exitStatus != null) {
            counts.add("exitStatus", exitStatus);
        }
        if (m.values().stream().anyMatch(v -> v > 0)) { // a batchlet step has no counts worth showing
            counts.add("read", m.getOrDefault(Metric.MetricType.READ_COUNT, 0L))
                    .add("written", m.getOrDefault(Metric.MetricType.WRITE_COUNT, 0L))
                    .add("filtered", m.getOrDefault(Metric.MetricType.FILTER_COUNT, 0L))
                    .add("skipped", m.getOrDefault(Metric.MetricType.READ_SKIP_COUNT, 0L)
                            + m.getOrDefault(Metric.MetricType.PROCESS_SKIP_COUNT, 0L)
                            + m.getOrDefault(Metric.MetricType.WRITE_SKIP_COUNT, 0L))
                    .add("commits", m.getOrDefault(Metric.MetricType.COMMIT_COUNT, 0L))
                    .add("rollbacks", m.getOrDefault(Metric.MetricType.ROLLBACK_COUNT, 0L));
        }
        steps.add(counts.build());
        if (exception != null && failure == null) {
            String text = exception.getMessage() == null ? exception.getClass().getSimpleName() : exception.getMessage();
            failure = "Step '" + step + "' failed: " + text;
        }
    }

    synchronized String failure() {
        return failure;
    }

    /** The result of a completed job: its exit status and each step's counts in this execution. */
    synchronized JsonObject result(String jobName, String exitStatus) {
        JsonArrayBuilder stepArray = Json.createArrayBuilder();
        steps.forEach(stepArray::add);
        return Json.createObjectBuilder()
                .add("batchJob", jobName)
                .add("executionId", executionId)
                .add("exitStatus", exitStatus == null ? "COMPLETED" : exitStatus)
                .add("steps", stepArray)
                .build();
    }
}
