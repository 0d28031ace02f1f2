package io.jobpulse.ingest.batchevents;

import io.jobpulse.job.CancelRequested;
import io.jobpulse.job.JobEvent;
import io.jobpulse.job.EventApplier;
import io.jobpulse.job.JobStore;
import io.jobpulse.job.LogText;
import jakarta.annotation.Resource;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.Metric;
import jakarta.batch.runtime.StepExecution;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Applies what {@link BatchJobs} makes of each batch event through {@link EventApplier}, the path of
 * every producer (source {@value #SOURCE}), and counts every event by what became of it. Created
 * on the first event: with batch events off nothing here runs.
 *
 * <p>A message seen before (same {@code JMSMessageID}: a redelivery) is not applied again. A failure
 * of the job store is thrown on, so the bean's transaction rolls back and the message comes again.
 */
@ApplicationScoped
public class BatchEventsBridge {

    static final String SOURCE = "batch-events";

    private static final Logger LOG = Logger.getLogger(BatchEventsBridge.class.getName());
    private static final Metadata EVENTS = Metadata.builder().withName("jobpulse.batch.events")
            .withDescription("Liberty batch events received, by what became of them: mapped (applied as job events), "
                    + "skipped (nothing to show), own-application (reported by the Batch listener), parked "
                    + "(waiting for their instance), duplicate, unknown (topic), malformed").build();
    private static final int REMEMBERED_MESSAGES = 10_000;

    @Inject
    EventApplier service;

    @Inject
    JobStore store;

    @Inject
    MetricRegistry metrics;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private volatile BatchJobs jobs;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Boolean> seen = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED_MESSAGES;
                }
            });
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - 2_000_000_000L);
    private ScheduledFuture<?> expiry;

    /** One message of the batch event topics. */
    void receive(String messageId, String topic, String body) {
        if (messageId != null && seen.containsKey(messageId)) {
            count("duplicate");
            return;
        }
        LibertyBatchEvent event;
        try {
            BatchTopic kind = LibertyBatchEvent.topic(topic);
            if (kind == BatchTopic.JOB_LOG_PART) {
                // a part of a job's log (up to 1000 lines) on every run: not read, jobpulse shows no logs
                count("skipped");
                remember(messageId);
                return;
            }
            event = LibertyBatchEvent.read(kind, topic, body);
        } catch (LibertyBatchEvent.Unreadable e) {
            count(e.code());
            LOG.log(warningLevel(), "Ignored a batch event ({0}): {1}", new Object[]{e.code(), LogText.safe(e.getMessage())});
            remember(messageId);
            return;
        }
        BatchJobs.Result result = jobs().on(event, Instant.now(), id -> store.find(id).isPresent());
        apply(result.events());
        count(result.outcome());
        remember(messageId);
        if (jobs().hasParked()) {
            scheduleExpiry();
        }
    }

    /** A cancellation asked in jobpulse stops the batch execution that reports to the job, when the runtime lets us. */
    void onCancel(@Observes CancelRequested request) {
        BatchJobs current = jobs;
        if (current == null) {
            return;
        }
        current.runningExecution(request.job().jobId()).ifPresent(executionId -> {
            try {
                JobOperator operator = BatchRuntime.getJobOperator();
                if (operator.getJobExecution(executionId).getBatchStatus() == BatchStatus.STARTED) {
                    operator.stop(executionId);
                }
            } catch (RuntimeException e) {
                // with application security the batch runtime allows this only to batchAdmin or the submitter
                LOG.log(Level.WARNING, "Could not stop batch execution " + executionId + " of job "
                        + request.job().jobId() + ": " + e);
            }
        });
    }

    private void apply(List<JobEvent> events) {
        for (JobEvent e : events) {
            service.apply(e, SOURCE);
        }
    }

    private BatchJobs jobs() {
        BatchJobs current = jobs;
        if (current == null) {
            synchronized (this) {
                if (jobs == null) {
                    String app = ownApplication();
                    jobs = new BatchJobs(serverRun(), name -> app != null && app.equals(applicationOf(name)),
                            new RuntimeRepository());
                }
                current = jobs;
            }
        }
        return current;
    }

    private synchronized void scheduleExpiry() {
        if (expiry == null || expiry.isDone()) {
            expiry = scheduler.schedule(this::expireParked, BatchJobs.PARK_TIME.toMillis() + 500, TimeUnit.MILLISECONDS);
        }
    }

    private void expireParked() {
        try {
            List<JobEvent> due = jobs().expire(Instant.now());
            if (!due.isEmpty()) {
                LOG.log(Level.INFO, "{0} batch events waited in vain for their job instance; applied with owner {1}",
                        new Object[]{due.size(), BatchJobs.DEFAULT_OWNER});
                apply(due);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not apply batch events that waited for their job instance", e);
        } finally {
            synchronized (this) {
                expiry = null;
            }
            if (jobs().hasParked()) {
                scheduleExpiry();
            }
        }
    }

    private void remember(String messageId) {
        if (messageId != null) {
            seen.put(messageId, Boolean.TRUE);
        }
    }

    private void count(String outcome) {
        counters.computeIfAbsent(outcome, o -> metrics.counter(EVENTS, new Tag("outcome", o))).inc();
    }

    /** INFO at most once a second, FINE for the rest: the metric counts them all. */
    private Level warningLevel() {
        long now = System.nanoTime();
        long last = lastWarning.get();
        return now - last >= 1_000_000_000L && lastWarning.compareAndSet(last, now) ? Level.INFO : Level.FINE;
    }

    /** This application's name, as the batch runtime writes it before the '#'. */
    private static String ownApplication() {
        try {
            return (String) new InitialContext().lookup("java:app/AppName");
        } catch (NamingException e) {
            LOG.log(Level.WARNING, "Cannot tell this application's name: batch events of its own jobs are not skipped", e);
            return null;
        }
    }

    /** {@code jobpulse#jobpulse.war} → {@code jobpulse}. */
    static String applicationOf(String amcName) {
        int hash = amcName.indexOf('#');
        return hash < 0 ? amcName : amcName.substring(0, hash);
    }

    /** When this server started, in seconds, base 36, after an {@code r}: e.g. {@code rt8k2qx}. */
    static String serverRun() {
        return "r" + Long.toString(ManagementFactory.getRuntimeMXBean().getStartTime() / 1000, 36);
    }

    /**
     * The batch runtime's own records, through {@code JobOperator}. With application security on it
     * answers only callers with a batch role, which the bean has not: then it tells nothing, and
     * progress falls back to checkpoints.
     */
    private static final class RuntimeRepository implements BatchJobs.Repository {
        private final AtomicLong refusals = new AtomicLong();

        @Override
        public OptionalLong executionsBefore(long instanceId, long executionId) {
            try {
                JobOperator operator = BatchRuntime.getJobOperator();
                return OptionalLong.of(operator.getJobExecutions(operator.getJobInstance(executionId)).stream()
                        .filter(x -> x.getExecutionId() < executionId).count());
            } catch (RuntimeException e) {
                refused(e);
                return OptionalLong.empty();
            }
        }

        @Override
        public OptionalLong itemsRead(long executionId, long stepExecutionId) {
            try {
                for (StepExecution step : BatchRuntime.getJobOperator().getStepExecutions(executionId)) {
                    if (step.getStepExecutionId() != stepExecutionId) {
                        continue;
                    }
                    for (Metric metric : step.getMetrics()) {
                        if (metric.getType() == Metric.MetricType.READ_COUNT) {
                            return OptionalLong.of(metric.getValue());
                        }
                    }
                }
                return OptionalLong.empty();
            } catch (RuntimeException e) {
                refused(e);
                return OptionalLong.empty();
            }
        }

        private void refused(RuntimeException e) {
            if (refusals.getAndIncrement() == 0) {
                LOG.log(Level.INFO, "The batch runtime does not answer jobpulse ({0}); batch events show checkpoints "
                        + "instead of item counts", e.toString());
            }
        }
    }
}
