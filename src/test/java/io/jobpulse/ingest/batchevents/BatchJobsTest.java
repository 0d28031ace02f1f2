package io.jobpulse.ingest.batchevents;

import io.jobpulse.job.Job;
import io.jobpulse.job.JobEvent;
import io.jobpulse.job.JobStatus;
import io.jobpulse.job.Lifecycle;
import io.jobpulse.job.Outcome;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rules that turn Liberty batch events into jobs, applied through the real lifecycle: the jobs
 * end up right whatever the order and however often an event arrives.
 */
class BatchJobsTest {

    static final String APP = "payroll#payroll.war";
    static final String RUN = "rtest";
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    /** The jobs as jobpulse would store them, with every event's outcome. */
    static final class Board {
        final Map<String, Job> jobs = new HashMap<>();
        final List<Outcome> outcomes = new ArrayList<>();
        final List<Job> changes = new ArrayList<>();
        final BatchJobs batch;
        final List<String> results = new ArrayList<>();

        Board(BatchJobs.Repository repository) {
            batch = new BatchJobs(RUN, app -> app.startsWith("jobpulse#"), repository);
        }

        Board() {
            this(BatchJobs.Repository.NONE);
        }

        Board send(String topic, String json) {
            return send(topic, json, T0);
        }

        Board send(String topic, String json, Instant now) {
            try {
                BatchJobs.Result r = batch.on(LibertyBatchEvent.read(topic, json), now, jobs::containsKey);
                results.add(r.outcome());
                r.events().forEach(this::apply);
            } catch (LibertyBatchEvent.Unreadable e) {
                throw new AssertionError(e);
            }
            return this;
        }

        void apply(JobEvent e) {
            Outcome o = Lifecycle.apply(jobs.get(e.jobId()), e, T0);
            outcomes.add(o);
            if (o instanceof Outcome.Applied a) {
                jobs.put(a.job().jobId(), a.job());
                changes.add(a.job());
            }
        }

        Job job(String id) {
            return jobs.get(id);
        }

        List<Integer> progressOf(String id) {
            return changes.stream().filter(j -> j.jobId().equals(id)).map(Job::progress).toList();
        }

        List<String> messagesOf(String id) {
            return changes.stream().filter(j -> j.jobId().equals(id)).map(Job::message).distinct().toList();
        }
    }

    static String submitted(long instance, String submitter) {
        return submitted(instance, submitter, APP);
    }

    static String submitted(long instance, String submitter, String app) {
        // as Liberty writes it: the job's id is not known before it is dispatched, the file's name is
        return "{\"jobName\":\"\",\"instanceId\":" + instance + ",\"appName\":\"" + app + "\",\"submitter\":\""
                + submitter + "\",\"batchStatus\":\"STARTING\",\"jobXMLName\":\"payroll\",\"instanceState\":\"SUBMITTED\"}";
    }

    static String dispatched(long instance, String submitter) {
        return "{\"jobName\":\"payroll\",\"instanceId\":" + instance + ",\"appName\":\"" + APP + "\",\"submitter\":\""
                + submitter + "\",\"batchStatus\":\"STARTED\",\"jobXMLName\":\"payroll\",\"instanceState\":\"DISPATCHED\"}";
    }

    static String execution(long instance, long execution, String status, String exit) {
        return "{\"jobName\":\"payroll\",\"executionId\":" + execution + ",\"instanceId\":" + instance
                + ",\"batchStatus\":\"" + status + "\",\"exitStatus\":\"" + exit + "\",\"jobParameters\":{}}";
    }

    static String step(long instance, long execution, long stepExecution, String step, String status, long read) {
        return "{\"stepExecutionId\":" + stepExecution + ",\"stepName\":\"" + step + "\",\"executionId\":" + execution
                + ",\"instanceId\":" + instance + ",\"batchStatus\":\"" + status + "\",\"exitStatus\":\"" + status
                + "\",\"metrics\":{\"READ_COUNT\":\"" + read + "\",\"WRITE_COUNT\":\"" + read + "\",\"COMMIT_COUNT\":\"" + (read > 0 ? 3 : 0) + "\"}}";
    }

    static String checkpoint(long instance, long execution, long stepExecution, String step) {
        return "{\"stepName\":\"" + step + "\",\"executionId\":" + execution + ",\"instanceId\":" + instance
                + ",\"stepExecutionId\":" + stepExecution + "}";
    }

    /** A whole successful run: two chunk checkpoints in 'load', then 'report'. */
    static void run(Board b, long instance, long execution, String submitter) {
        b.send("batch/jobs/instance/submitted", submitted(instance, submitter))
                .send("batch/jobs/instance/dispatched", dispatched(instance, submitter))
                .send("batch/jobs/execution/started", execution(instance, execution, "STARTED", ""))
                .send("batch/jobs/execution/step/started", step(instance, execution, 10 * execution, "load", "STARTED", 0))
                .send("batch/jobs/execution/step/checkpoint", checkpoint(instance, execution, 10 * execution, "load"))
                .send("batch/jobs/execution/step/checkpoint", checkpoint(instance, execution, 10 * execution, "load"))
                .send("batch/jobs/execution/step/completed", step(instance, execution, 10 * execution, "load", "COMPLETED", 20))
                .send("batch/jobs/execution/step/started", step(instance, execution, 10 * execution + 1, "report", "STARTED", 0))
                .send("batch/jobs/execution/step/completed", step(instance, execution, 10 * execution + 1, "report", "COMPLETED", 0))
                .send("batch/jobs/execution/completed", execution(instance, execution, "COMPLETED", "COMPLETED"))
                .send("batch/jobs/instance/completed", submitted(instance, submitter));
    }

    static String id(long instance) {
        return "batch-" + instance + "-" + RUN;
    }

    @Test
    void aRunBecomesAJobOfItsSubmitterFromQueuedToCompletedWithStepCounts() {
        Board b = new Board();
        run(b, 1, 1, "alice");
        Job job = b.job(id(1));
        assertEquals("alice", job.userId());
        assertEquals("payroll", job.type());
        assertEquals(JobStatus.COMPLETED, job.status());
        assertEquals(List.of(JobStatus.QUEUED, JobStatus.RUNNING), b.changes.stream().limit(2).map(Job::status).toList());
        assertEquals(List.of("Batch job 'payroll' started (execution 1)", "Step 'load'", "Step 'load': checkpoint 1",
                "Step 'load': checkpoint 2", "Step 'load' completed: 20 items read", "Step 'report'",
                "Step 'report' completed"), b.messagesOf(id(1)).stream().filter(m -> m != null).toList());
        JsonObject result = job.result().asJsonObject();
        assertEquals("payroll", result.getString("batchJob"));
        assertEquals(1, result.getInt("executionId"));
        assertEquals("COMPLETED", result.getString("exitStatus"));
        assertEquals("load", result.getJsonArray("steps").getJsonObject(0).getString("step"));
        assertEquals(20, result.getJsonArray("steps").getJsonObject(0).getInt("read"));
        assertEquals("report", result.getJsonArray("steps").getJsonObject(1).getString("step"));
        assertFalse(result.getJsonArray("steps").getJsonObject(1).containsKey("read"), "a batchlet has no counts");
        assertTrue(b.outcomes.stream().noneMatch(o -> o instanceof Outcome.Rejected), b.outcomes.toString());
    }

    @Test
    void theFirstRunShowsNoPercentageTheNextRunsShowStepsAndCheckpointsAgainstIt() {
        Board b = new Board();
        run(b, 1, 1, "alice");
        assertEquals(List.of(0), b.progressOf(id(1)).stream().filter(p -> p < 100).distinct().toList(),
                "the first run of a job cannot know its steps");
        run(b, 2, 2, "alice");
        // 2 steps, 'load' took 2 checkpoints: 25% after its first, at most 99% of a step until it
        // completes (50%), at most 99% until the job completes
        assertEquals(List.of(0, 0, 0, 25, 49, 50, 50, 99, 100), b.progressOf(id(2)));
    }

    @Test
    void itemsReadFromTheRuntimeMakeTheMessageAndTheProgress() {
        Board b = new Board(new BatchJobs.Repository() {
            @Override
            public OptionalLong executionsBefore(long instanceId, long executionId) {
                return OptionalLong.empty();
            }

            @Override
            public OptionalLong itemsRead(long executionId, long stepExecutionId) {
                return OptionalLong.of(executionId == 2 ? 5 : 4200);
            }
        });
        run(b, 1, 1, "alice");
        assertTrue(b.messagesOf(id(1)).contains("Step 'load': 4,200 items read"), b.messagesOf(id(1)).toString());
        run(b, 2, 2, "alice");
        // the last run read 20 items in 'load': 5 of them is a quarter of the first of two steps
        assertEquals(12, b.progressOf(id(2)).get(3));
    }

    @Test
    void withoutASubmitterTheJobBelongsToTheDefaultOwner() {
        Board b = new Board();
        run(b, 1, 1, "");
        run(b, 2, 2, "cn=Alice Smith,o=example");
        assertEquals("batch", b.job(id(1)).userId());
        assertEquals("batch", b.job(id(2)).userId());
    }

    @Test
    void aFailedExecutionFailsTheJobWithItsExitStatusAndTheStep() {
        Board b = new Board();
        b.send("batch/jobs/instance/submitted", submitted(1, "bob"))
                .send("batch/jobs/execution/started", execution(1, 1, "STARTED", ""))
                .send("batch/jobs/execution/step/started", step(1, 1, 10, "load", "STARTED", 0))
                .send("batch/jobs/execution/step/failed", step(1, 1, 10, "load", "FAILED", 3))
                .send("batch/jobs/execution/failed", execution(1, 1, "FAILED", "BAD_RECORD"));
        Job job = b.job(id(1));
        assertEquals(JobStatus.FAILED, job.status());
        assertEquals("Batch execution 1 failed in step 'load' (exit status BAD_RECORD)", job.error());
    }

    @Test
    void aStoppedExecutionCancelsTheJobAndARestartIsTheNextAttempt() {
        Board b = new Board();
        b.send("batch/jobs/instance/submitted", submitted(1, "carol"))
                .send("batch/jobs/execution/started", execution(1, 1, "STARTED", ""))
                .send("batch/jobs/execution/stopping", execution(1, 1, "STOPPING", ""))
                .send("batch/jobs/execution/stopped", execution(1, 1, "STOPPED", "STOPPED"))
                .send("batch/jobs/instance/stopped", submitted(1, "carol"));
        assertEquals(JobStatus.CANCELLED, b.job(id(1)).status());
        assertEquals("Batch execution 1 stopped (exit status STOPPED)", b.job(id(1)).error());

        b.send("batch/jobs/instance/dispatched", dispatched(1, "carol"))
                .send("batch/jobs/execution/restarting", execution(1, 5, "STARTING", ""))
                .send("batch/jobs/execution/started", execution(1, 5, "STARTED", ""))
                .send("batch/jobs/execution/completed", execution(1, 5, "COMPLETED", "COMPLETED"));
        Job attempt = b.job(id(1) + ":attempt-2");
        assertEquals(JobStatus.COMPLETED, attempt.status());
        assertEquals("carol", attempt.userId());
        assertEquals(JobStatus.CANCELLED, b.job(id(1)).status(), "the first job stays as it ended");
        assertTrue(b.messagesOf(id(1) + ":attempt-2").contains("Batch job 'payroll' restarted (execution 5, attempt 2)"));
    }

    @Test
    void eventsTwiceOrOutOfOrderLeaveTheSameJob() {
        Board b = new Board();
        b.send("batch/jobs/execution/started", execution(1, 1, "STARTED", ""))      // before its instance
                .send("batch/jobs/execution/step/started", step(1, 1, 10, "load", "STARTED", 0))
                .send("batch/jobs/instance/submitted", submitted(1, "dave"))
                .send("batch/jobs/instance/submitted", submitted(1, "dave"))
                .send("batch/jobs/execution/completed", execution(1, 1, "COMPLETED", "COMPLETED"))
                .send("batch/jobs/execution/step/completed", step(1, 1, 10, "load", "COMPLETED", 5))  // late
                .send("batch/jobs/execution/completed", execution(1, 1, "COMPLETED", "COMPLETED"))
                .send("batch/jobs/execution/started", execution(1, 1, "STARTED", ""));
        // the instance event lets the waiting events go ahead; itself it adds nothing to a running job
        assertEquals(List.of("parked", "parked", "skipped", "skipped", "mapped", "mapped", "mapped", "mapped"), b.results);
        Job job = b.job(id(1));
        assertEquals("dave", job.userId());
        assertEquals(JobStatus.COMPLETED, job.status());
        assertEquals(3, job.version(), "started, step, completed: the rest changed nothing");
        assertTrue(b.outcomes.stream().noneMatch(o -> o instanceof Outcome.Rejected), b.outcomes.toString());
        assertNull(b.job(id(1) + ":attempt-2"), "a duplicate of the same execution is no restart");
    }

    @Test
    void eventsWhoseInstanceNeverComesGoAheadWithTheDefaultOwner() {
        Board b = new Board();
        b.send("batch/jobs/execution/started", execution(3, 3, "STARTED", ""));
        assertTrue(b.batch.expire(T0.plusSeconds(5)).isEmpty());
        List<JobEvent> due = b.batch.expire(T0.plus(BatchJobs.PARK_TIME));
        assertEquals(1, due.size());
        due.forEach(b::apply);
        assertEquals("batch", b.job(id(3)).userId());
        assertEquals("payroll", b.job(id(3)).type());
        assertFalse(b.batch.hasParked());
        // its instance turns up late: the job keeps the owner it was created with, nothing is rejected
        b.send("batch/jobs/instance/dispatched", dispatched(3, "ivy"))
                .send("batch/jobs/execution/completed", execution(3, 3, "COMPLETED", "COMPLETED"));
        assertEquals(JobStatus.COMPLETED, b.job(id(3)).status());
        assertEquals("batch", b.job(id(3)).userId());
        assertTrue(b.outcomes.stream().noneMatch(o -> o instanceof Outcome.Rejected), b.outcomes.toString());
    }

    @Test
    void jobsOfTheJobpulseApplicationItselfAreSkippedEvenWhenTheyWaited() {
        Board b = new Board();
        b.send("batch/jobs/execution/started", execution(1, 1, "STARTED", ""))
                .send("batch/jobs/instance/submitted", submitted(1, "erin", "jobpulse#jobpulse.war"))
                .send("batch/jobs/execution/completed", execution(1, 1, "COMPLETED", "COMPLETED"));
        assertTrue(b.jobs.isEmpty());
        assertEquals(List.of("parked", "own-application", "own-application"), b.results);
        assertTrue(b.batch.expire(T0.plusSeconds(60)).isEmpty());
    }

    @Test
    void anInstanceFirstSeenMidwayAsksTheRuntimeWhichAttemptItIs() {
        Board b = new Board(new BatchJobs.Repository() {
            @Override
            public OptionalLong executionsBefore(long instanceId, long executionId) {
                return OptionalLong.of(2);
            }

            @Override
            public OptionalLong itemsRead(long executionId, long stepExecutionId) {
                return OptionalLong.empty();
            }
        });
        // jobpulse was not running when the instance was submitted and ran twice
        b.send("batch/jobs/instance/dispatched", dispatched(4, "fay"))
                .send("batch/jobs/execution/started", execution(4, 9, "STARTED", ""));
        assertEquals(JobStatus.RUNNING, b.job(id(4) + ":attempt-3").status());
    }

    @Test
    void theRunningExecutionOfAJobIsKnownUntilItEnds() {
        Board b = new Board();
        b.send("batch/jobs/instance/submitted", submitted(1, "gus"))
                .send("batch/jobs/execution/started", execution(1, 6, "STARTED", ""));
        assertEquals(6L, b.batch.runningExecution(id(1)).orElseThrow());
        b.send("batch/jobs/execution/stopped", execution(1, 6, "STOPPED", "STOPPED"));
        assertTrue(b.batch.runningExecution(id(1)).isEmpty());
    }

    @Test
    void partitionsAndSplitsAndJobLogsSayWhatTheyCan() {
        Board b = new Board();
        b.send("batch/jobs/instance/submitted", submitted(1, "hal"))
                .send("batch/jobs/execution/started", execution(1, 1, "STARTED", ""))
                .send("batch/jobs/execution/partition/completed",
                        "{\"partitionNumber\":2,\"batchStatus\":\"COMPLETED\",\"exitStatus\":\"COMPLETED\",\"stepName\":\"load\","
                                + "\"executionId\":1,\"instanceId\":1,\"stepExecutionId\":10}")
                .send("batch/jobs/execution/split-flow/started",
                        "{\"splitName\":\"s\",\"flowName\":\"f\",\"executionId\":1,\"instanceId\":1}");
        assertEquals("Step 'load': partition 2 completed", b.job(id(1)).message());
        assertEquals("skipped", b.results.get(b.results.size() - 1));
    }
}
