package io.jobpulse.ingest.batchevents;

import io.jobpulse.job.Ids;
import io.jobpulse.job.JobEvent;
import io.jobpulse.job.JobEvent.Kind;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Turns Liberty batch events into jobpulse job events, remembering what it learns about each job
 * instance and execution (in memory, bounded). Pure: it applies nothing itself, so the rules are
 * tested without a server; {@link BatchEventsBridge} applies what it returns.
 *
 * <ul>
 *   <li><b>Job id</b> {@code batch-<instance id>-<server run>}; the n-th execution of an instance
 *       (a restart) reports to {@code ...:attempt-<n>}, because the execution before it ended
 *       failed or cancelled and a finished job is final. The server run (when this server started)
 *       keeps instance ids of an earlier run apart: without {@code batchPersistence} they start at 1
 *       again on every start, and the earlier run's jobs may still be kept.</li>
 *   <li><b>Owner</b> the instance's submitter; {@value #DEFAULT_OWNER} where Liberty records none
 *       (no application security) or one that is not a valid user id. Only instance events carry
 *       the submitter: an event that would create a job before its instance is known waits for it
 *       ({@link #PARK_TIME} at most, then it goes ahead with the default owner).</li>
 *   <li><b>Progress</b> steps done of the job's steps, within a step refined by checkpoints or
 *       items read, against what the last completed run of the same job did (Liberty's events do
 *       not say how many steps a job has): the first run of a job shows messages, no percentage.</li>
 *   <li><b>Own application</b> events of the jobpulse application's own jobs are skipped: its Batch
 *       listener reports them.</li>
 * </ul>
 * Not thread-safe on its own: every method is synchronized.
 */
final class BatchJobs {

    static final String DEFAULT_OWNER = "batch";
    static final String DEFAULT_TYPE = "batch";
    static final Duration PARK_TIME = Duration.ofSeconds(10);
    static final int MAX_INSTANCES = 10_000;
    static final int MAX_SHAPES = 1_000;
    static final int MAX_PARKED = 1_000;

    /** What the batch runtime of this server can tell beyond the events, when it lets us ask. */
    interface Repository {
        /** Executions of the instance before this one, when the runtime knows the instance. */
        OptionalLong executionsBefore(long instanceId, long executionId);

        /** Items read so far by a running step execution (its last checkpoint). */
        OptionalLong itemsRead(long executionId, long stepExecutionId);

        Repository NONE = new Repository() {
            @Override
            public OptionalLong executionsBefore(long instanceId, long executionId) {
                return OptionalLong.empty();
            }

            @Override
            public OptionalLong itemsRead(long executionId, long stepExecutionId) {
                return OptionalLong.empty();
            }
        };
    }

    /**
     * What one batch event became.
     *
     * @param outcome {@code mapped} (events to apply), {@code parked} (waiting for its instance),
     *                {@code own-application}, or {@code skipped} (nothing to show)
     * @param events  to apply in order: events that waited for this instance come first
     */
    record Result(String outcome, List<JobEvent> events) {
    }

    private final String serverRun;
    private final Predicate<String> ownApplication;
    private final Repository repository;
    private final Map<Long, Instance> instances = lru(MAX_INSTANCES);
    private final Map<String, Shape> shapes = lru(MAX_SHAPES);
    private final List<Parked> parked = new ArrayList<>();

    /**
     * @param serverRun      short code of this server's start, part of every job id
     * @param ownApplication whether an application name ({@code app#module}) is jobpulse's own
     */
    BatchJobs(String serverRun, Predicate<String> ownApplication, Repository repository) {
        this.serverRun = serverRun;
        this.ownApplication = ownApplication;
        this.repository = repository;
    }

    synchronized Result on(LibertyBatchEvent e, Instant now, Predicate<String> jobExists) {
        Instance instance = instances.computeIfAbsent(e.instanceId(), Instance::new);
        List<JobEvent> flushed = List.of();
        if (e.topic().isInstanceEvent()) {
            flushed = learn(instance, e);
        } else if (instance.jobName == null && e.jobName() != null) {
            instance.jobName = e.jobName();
        }
        if (instance.own) {
            return new Result("own-application", List.of());
        }
        List<JobEvent> events = map(instance, e);
        List<JobEvent> ready = new ArrayList<>();
        for (JobEvent event : events) {
            if (event.userId() == null && !jobExists.test(event.jobId())) {
                park(new Parked(e.instanceId(), event, now.plus(PARK_TIME)));
            } else {
                ready.add(event);
            }
        }
        List<JobEvent> all = new ArrayList<>(flushed);
        all.addAll(ready);
        return new Result(events.isEmpty() ? "skipped" : ready.isEmpty() ? "parked" : "mapped", all);
    }

    /** Events that waited longer than {@link #PARK_TIME}, now with the default owner. */
    synchronized List<JobEvent> expire(Instant now) {
        List<JobEvent> due = new ArrayList<>();
        for (Iterator<Parked> it = parked.iterator(); it.hasNext(); ) {
            Parked p = it.next();
            if (!p.until.isAfter(now)) {
                it.remove();
                Instance instance = instances.get(p.instanceId);
                String type = instance == null ? DEFAULT_TYPE : type(instance);
                if (instance != null && !instance.known) {
                    // from now on this instance's events name the same owner as the job they created
                    instance.known = true;
                    instance.owner = DEFAULT_OWNER;
                }
                due.add(p.event.forOwner(DEFAULT_OWNER, type));
            }
        }
        return due;
    }

    synchronized boolean hasParked() {
        return !parked.isEmpty();
    }

    /** The execution that reports to {@code jobId} while it runs, to stop it on a cancellation request. */
    synchronized Optional<Long> runningExecution(String jobId) {
        for (Instance instance : instances.values()) {
            for (Execution x : instance.executions.values()) {
                if (!x.ended && x.jobId.equals(jobId)) {
                    return Optional.of(x.id);
                }
            }
        }
        return Optional.empty();
    }

    private List<JobEvent> learn(Instance instance, LibertyBatchEvent e) {
        if (e.jobName() != null && (instance.jobName == null || e.topic() != BatchTopic.INSTANCE_SUBMITTED)) {
            instance.jobName = e.jobName();
        }
        if (e.appName() != null) {
            instance.appName = e.appName();
            instance.own = ownApplication.test(e.appName());
        }
        if (instance.known) {
            return List.of();
        }
        instance.known = true;
        instance.owner = e.submitter() != null && Ids.isUserId(e.submitter()) ? e.submitter() : DEFAULT_OWNER;
        // a job that waited for its owner goes ahead now (or is dropped: the listener reports own jobs)
        List<JobEvent> waiting = new ArrayList<>();
        for (Iterator<Parked> it = parked.iterator(); it.hasNext(); ) {
            Parked p = it.next();
            if (p.instanceId == instance.id) {
                it.remove();
                if (!instance.own) {
                    waiting.add(p.event.forOwner(instance.owner, type(instance)));
                }
            }
        }
        return waiting;
    }

    private List<JobEvent> map(Instance i, LibertyBatchEvent e) {
        switch (e.topic()) {
            case INSTANCE_SUBMITTED:
                // the job exists from submission on; a restart has no submitted event of its own
                i.submissionSeen = true;
                return i.executions.isEmpty()
                        ? List.of(event(i, jobId(i.id, 1), Kind.QUEUED, null, null, null, null))
                        : List.of();
            case EXECUTION_STARTED: {
                Execution x = execution(i, e.executionId());
                String message = x.ordinal == 1
                        ? "Batch job '" + name(i) + "' started (execution " + x.id + ")"
                        : "Batch job '" + name(i) + "' restarted (execution " + x.id + ", attempt " + x.ordinal + ")";
                return List.of(event(i, x, Kind.STARTED, null, message, null, null));
            }
            case EXECUTION_STOPPING: {
                Execution x = execution(i, e.executionId());
                return List.of(event(i, x, Kind.PROGRESS, null, "Stopping (batch execution " + x.id + ")", null, null));
            }
            case EXECUTION_STOPPED: {
                Execution x = ended(i, e);
                return List.of(event(i, x, Kind.CANCELLED, null, null, null,
                        "Batch execution " + x.id + " stopped" + exit(e)));
            }
            case EXECUTION_FAILED: {
                Execution x = ended(i, e);
                String where = x.failedStep == null ? "" : " in step '" + x.failedStep + "'";
                return List.of(event(i, x, Kind.FAILED, null, null, null,
                        "Batch execution " + x.id + " failed" + where + exit(e)));
            }
            case EXECUTION_ABANDONED: {
                Execution x = ended(i, e);
                return List.of(event(i, x, Kind.FAILED, null, null, null, "Batch execution " + x.id + " abandoned"));
            }
            case EXECUTION_COMPLETED: {
                Execution x = ended(i, e);
                if (x.ordinal == 1 && !x.steps.isEmpty()) {
                    shapes.put(shapeKey(i), x.shape());
                }
                return List.of(event(i, x, Kind.COMPLETED, null, null, x.result(name(i), e.exitStatus()), null));
            }
            case EXECUTION_STARTING:
            case EXECUTION_RESTARTING:
                execution(i, e.executionId());
                return List.of();
            case STEP_STARTED: {
                Execution x = execution(i, e.executionId());
                x.stepStarted(e.stepName(), e.stepExecutionId());
                return progress(i, x, "Step '" + e.stepName() + "'");
            }
            case STEP_CHECKPOINT: {
                Execution x = execution(i, e.executionId());
                x.stepStarted(e.stepName(), e.stepExecutionId());
                x.checkpoints++;
                x.itemsRead = e.stepExecutionId() == null ? OptionalLong.empty()
                        : repository.itemsRead(x.id, e.stepExecutionId());
                String message = x.itemsRead.isPresent()
                        ? "Step '" + e.stepName() + "': " + count(x.itemsRead.getAsLong()) + " items read"
                        : "Step '" + e.stepName() + "': checkpoint " + x.checkpoints;
                return progress(i, x, message);
            }
            case STEP_COMPLETED: {
                Execution x = execution(i, e.executionId());
                x.stepCompleted(e);
                long read = e.metric("READ_COUNT");
                String message = "Step '" + e.stepName() + "' completed"
                        + (read > 0 ? ": " + count(read) + " items read" : "");
                return progress(i, x, message);
            }
            case STEP_FAILED: {
                Execution x = execution(i, e.executionId());
                x.failedStep = e.stepName();
                return List.of(event(i, x, Kind.PROGRESS, null, "Step '" + e.stepName() + "' failed" + exit(e), null, null));
            }
            case PARTITION_COMPLETED:
            case PARTITION_FAILED:
            case PARTITION_STOPPED: {
                Execution x = execution(i, e.executionId());
                String what = e.topic().leaf().substring(e.topic().leaf().lastIndexOf('/') + 1);
                return List.of(event(i, x, Kind.PROGRESS, null, "Step '" + e.stepName() + "': partition "
                        + e.partitionNumber() + " " + what, null, null));
            }
            default:
                return List.of(); // the rest says nothing a browser shows (dispatch, splits, job logs)
        }
    }

    private List<JobEvent> progress(Instance i, Execution x, String message) {
        Integer percent = null;
        Shape shape = shapes.get(shapeKey(i));
        if (shape != null && shape.steps > 0) {
            double within = x.current == null ? 0 : shape.fractionOf(x.current, x.checkpoints, x.itemsRead);
            int p = (int) Math.min(99, Math.floor(100 * (x.steps.size() + within) / shape.steps));
            if (p > x.shown) {
                x.shown = p;
            }
            percent = x.shown;
        }
        return List.of(event(i, x, Kind.PROGRESS, percent, message, null, null));
    }

    private Execution execution(Instance i, long executionId) {
        return i.executions.computeIfAbsent(executionId, id -> {
            long before = i.executions.headMap(id).size();
            if (!i.submissionSeen) {
                // an instance first seen mid-way (jobpulse restarted): the runtime may know its history
                before = Math.max(before, repository.executionsBefore(i.id, id).orElse(0));
            }
            int ordinal = (int) Math.min(Integer.MAX_VALUE, before + 1);
            return new Execution(id, ordinal, jobId(i.id, ordinal));
        });
    }

    private Execution ended(Instance i, LibertyBatchEvent e) {
        Execution x = execution(i, e.executionId());
        x.ended = true;
        return x;
    }

    private String jobId(long instanceId, int ordinal) {
        String base = "batch-" + instanceId + "-" + serverRun;
        return ordinal == 1 ? base : base + ":attempt-" + ordinal;
    }

    private JobEvent event(Instance i, Execution x, Kind kind, Integer progress, String message, JsonValue result,
                           String error) {
        return event(i, x.jobId, kind, progress, message, result, error);
    }

    /** No stall deadline: a batchlet may be silent for hours; the events end the job. */
    private JobEvent event(Instance i, String jobId, Kind kind, Integer progress, String message, JsonValue result,
                           String error) {
        return new JobEvent(kind, jobId, i.known ? i.owner : null, i.known ? type(i) : null, progress, message,
                result, error, null, 0, null);
    }

    private static String type(Instance i) {
        return Ids.isJobType(i.jobName) ? i.jobName : DEFAULT_TYPE;
    }

    private static String name(Instance i) {
        return i.jobName == null ? "?" : i.jobName;
    }

    private static String shapeKey(Instance i) {
        return (i.appName == null ? "" : i.appName) + "/" + name(i);
    }

    private static String exit(LibertyBatchEvent e) {
        return e.exitStatus() == null ? "" : " (exit status " + e.exitStatus() + ")";
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private void park(Parked p) {
        if (parked.size() >= MAX_PARKED) {
            parked.remove(0); // the oldest; the bridge counts what is lost through the parked outcome
        }
        parked.add(p);
    }

    private static <K, V> Map<K, V> lru(int max) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > max;
            }
        };
    }

    private record Parked(long instanceId, JobEvent event, Instant until) {
    }

    private static final class Instance {
        final long id;
        final TreeMap<Long, Execution> executions = new TreeMap<>();
        String jobName;
        String appName;
        String owner;
        /** An instance event has been seen: owner and application are known. */
        boolean known;
        boolean own;
        /** Its submission was seen, and so every execution since: no need to ask the runtime. */
        boolean submissionSeen;

        Instance(long id) {
            this.id = id;
        }
    }

    /** What the last completed run of a job did: its steps and, per step, checkpoints and items read. */
    private record Shape(int steps, Map<String, long[]> perStep) {

        /** How far into {@code step} a run is, 0..0.99, or 0 when the last run does not tell. */
        double fractionOf(String step, int checkpoints, OptionalLong itemsRead) {
            long[] last = perStep.get(step);
            if (last == null) {
                return 0;
            }
            double f = itemsRead.isPresent() && last[1] > 0 ? (double) itemsRead.getAsLong() / last[1]
                    : last[0] > 0 ? (double) checkpoints / last[0] : 0;
            return Math.min(0.99, f);
        }
    }

    private static final class Execution {
        final long id;
        final int ordinal;
        final String jobId;
        /** Completed steps in order, with their counts for the result. */
        final Map<String, JsonObject> steps = new LinkedHashMap<>();
        final Map<String, long[]> stepShape = new LinkedHashMap<>();
        String current;
        Long currentStepExecution;
        int checkpoints;
        OptionalLong itemsRead = OptionalLong.empty();
        String failedStep;
        int shown;
        boolean ended;

        Execution(long id, int ordinal, String jobId) {
            this.id = id;
            this.ordinal = ordinal;
            this.jobId = jobId;
        }

        void stepStarted(String step, Long stepExecution) {
            if (step == null || steps.containsKey(step) || step.equals(current)
                    && (stepExecution == null || stepExecution.equals(currentStepExecution))) {
                return;
            }
            current = step;
            currentStepExecution = stepExecution;
            checkpoints = 0;
            itemsRead = OptionalLong.empty();
        }

        void stepCompleted(LibertyBatchEvent e) {
            String step = e.stepName() == null ? "?" : e.stepName();
            JsonObjectBuilder counts = Json.createObjectBuilder().add("step", step);
            if (e.exitStatus() != null) {
                counts.add("exitStatus", e.exitStatus());
            }
            if (e.metrics().values().stream().anyMatch(v -> v > 0)) {
                counts.add("read", e.metric("READ_COUNT"))
                        .add("written", e.metric("WRITE_COUNT"))
                        .add("filtered", e.metric("FILTER_COUNT"))
                        .add("skipped", e.metric("READ_SKIP_COUNT") + e.metric("PROCESS_SKIP_COUNT")
                                + e.metric("WRITE_SKIP_COUNT"))
                        .add("commits", e.metric("COMMIT_COUNT"))
                        .add("rollbacks", e.metric("ROLLBACK_COUNT"));
            }
            steps.put(step, counts.build());
            int checkpointsOfStep = step.equals(current) ? checkpoints : 0;
            stepShape.put(step, new long[]{checkpointsOfStep, e.metric("READ_COUNT")});
            if (step.equals(current)) {
                current = null;
                currentStepExecution = null;
            }
        }

        Shape shape() {
            return new Shape(steps.size(), Map.copyOf(stepShape));
        }

        JsonObject result(String jobName, String exitStatus) {
            JsonArrayBuilder array = Json.createArrayBuilder();
            steps.values().forEach(array::add);
            return Json.createObjectBuilder()
                    .add("batchJob", jobName)
                    .add("executionId", id)
                    .add("exitStatus", exitStatus == null ? "COMPLETED" : exitStatus)
                    .add("steps", array)
                    .build();
        }
    }
}
