package io.jobpulse.push;

import io.jobpulse.job.Job;
import io.jobpulse.job.JobChanged;
import io.jobpulse.job.JobStore;
import io.jobpulse.job.JobsPurged;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiConsumer;

/**
 * Who listens on this node: the one registry of connections and subscriptions, shared by both
 * socket endpoints. A job change reaches every connection subscribed to the job or to its owner
 * through the same code, whatever the connection's protocol. It is also where authorisation holds:
 * a connection is handed only jobs its {@link io.jobpulse.security.Caller} may read, whether by
 * snapshot or by push, so a subscription to a job id that another user creates later never leaks it.
 */
@ApplicationScoped
public class Hub {

    /** How many jobs a userId subscription's snapshot and ack include at most (newest first). */
    public static final int USER_SNAPSHOT_LIMIT = 100;

    private final ConcurrentMap<String, Set<Connection>> byJob = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Set<Connection>> byUser = new ConcurrentHashMap<>();
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final JobStore store;
    private final PushStats stats;
    private final PushThrottle throttle;
    private final Outbox.Writers writers;

    @Inject
    public Hub(JobStore store, MetricRegistry metrics, Scheduler scheduler, SenderThreads.Service senders,
               @ConfigProperty(name = "jobpulse.push.max-per-second-per-job", defaultValue = "20") int maxPerSecond) {
        this(store, PushStats.register(metrics), maxPerSecond, scheduler::later, senders.pool());
        for (WireFormat format : WireFormat.values()) {
            metrics.gauge(Metadata.builder().withName("jobpulse.connections")
                            .withDescription("Open socket connections, by endpoint").build(),
                    () -> connectionCount(format), new Tag("endpoint", format.endpoint()));
        }
        metrics.gauge(Metadata.builder().withName("jobpulse.subscriptions")
                .withDescription("Subscriptions held by open connections").build(), this::subscriptionCount);
        metrics.gauge(Metadata.builder().withName("jobpulse.push.queued")
                .withDescription("Frames waiting in connection outboxes (not counting one in flight each)").build(),
                this::queuedFrames);
        metrics.gauge(Metadata.builder().withName("jobpulse.push.remembered")
                .withDescription("Jobs whose last version sent connection outboxes remember (bounded by their subscriptions)").build(),
                this::rememberedJobs);
    }

    /**
     * Without CDI (unit tests): {@code later} runs a task after a delay in nanoseconds; frames are
     * written at once on the thread that queues them.
     */
    public Hub(JobStore store, PushStats stats, int maxPerSecond, BiConsumer<Runnable, Long> later) {
        this(store, stats, maxPerSecond, later, Outbox.Writers.INLINE);
    }

    /** Without CDI, with {@code writers} writing the outboxes. */
    public Hub(JobStore store, PushStats stats, int maxPerSecond, BiConsumer<Runnable, Long> later,
               Outbox.Writers writers) {
        this.store = store;
        this.stats = stats;
        this.writers = writers;
        this.throttle = new PushThrottle(maxPerSecond, this::publish, later, System::nanoTime, stats::coalesced);
    }

    /** For the CDI proxy only. */
    protected Hub() {
        this.store = null;
        this.stats = null;
        this.throttle = null;
        this.writers = null;
    }

    public Connection connect(String id, WireFormat format, Outbox.Sender sender, Connection.Closer closer,
                              ReplyLimit replyLimit) {
        Connection connection = new Connection(id, format, sender, writers, closer, replyLimit, stats);
        connections.add(connection);
        return connection;
    }

    /** Created at startup, not on first use, so every metric series exists before the first scrape. */
    void init(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        // observing the event is what instantiates the bean
    }

    /** Closes a connection with a close code and forgets it at once, without waiting for the peer. */
    public void close(Connection connection, int code, String reason) {
        connection.close(code, reason);
        disconnect(connection);
    }

    /** On undeploy or server stop: tell every client to reconnect (elsewhere) with 1001. */
    @PreDestroy
    void closeAll() {
        for (Connection c : connections()) {
            close(c, CloseCodes.GOING_AWAY, "server stopping");
        }
    }

    /** Forgets a connection and all its subscriptions; safe to call more than once. */
    public void disconnect(Connection connection) {
        connection.closed();
        connections.remove(connection);
        for (Topic topic : connection.topics()) {
            remove(connection, topic);
        }
        connection.topics().clear();
    }

    /**
     * Adds a subscription and returns the current state of what it covers. The subscription is
     * registered before the store is read, so a change racing with it is either in the snapshot or
     * delivered live (the outbox drops whichever of the two is older).
     */
    public List<Job> subscribe(Connection connection, Topic topic) {
        connection.topics().add(topic);
        index(topic).compute(topic.id(), (id, set) -> {
            Set<Connection> s = set == null ? ConcurrentHashMap.newKeySet() : set;
            s.add(connection);
            return s;
        });
        if (connection.isClosed()) {
            // disconnect() ran concurrently and may have missed this topic
            disconnect(connection);
        }
        return current(topic).stream().filter(connection.caller()::mayRead).toList();
    }

    /**
     * Removes a subscription, and with it every update still waiting in the connection's outbox for
     * a job no other subscription of the connection covers: nothing of such a job is written after
     * the unsubscribe's ack, which the caller queues next.
     */
    public void unsubscribe(Connection connection, Topic topic) {
        connection.topics().remove(topic);
        remove(connection, topic);
        connection.outbox().forgetUnfollowed();
    }

    /** The stored state of what a topic covers, before authorisation (a user's newest jobs first, capped). */
    public List<Job> current(Topic topic) {
        return switch (topic.kind()) {
            case JOB -> store.find(topic.id()).map(List::of).orElse(List.of());
            case USER -> store.findByUser(topic.id(), false, USER_SNAPSHOT_LIMIT);
        };
    }

    /** Every topic at least one connection on this node follows. */
    public Set<Topic> topics() {
        Set<Topic> topics = new HashSet<>();
        byJob.keySet().forEach(id -> topics.add(Topic.job(id)));
        byUser.keySet().forEach(id -> topics.add(Topic.user(id)));
        return topics;
    }

    /** Queues the job's state on one connection, e.g. as part of a subscribe snapshot. */
    public void deliver(Connection connection, Job job) {
        if (connection.caller().mayRead(job)) {
            connection.deliver(new JobUpdate(job, false));
        }
    }

    /**
     * Every change, local or from another node, through the same per-job rate limit. Runs before
     * application observers of {@code JobChanged} (lower priority value), so a broken third-party
     * observer, whose exception stops CDI's notification chain, cannot stop the push.
     */
    void onChanged(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE) JobChanged changed) {
        throttle.offer(changed.job());
    }

    /** A change through the per-job rate limit; what passes is published. */
    private void publish(Job job) {
        publish(new JobUpdate(job));
    }

    /**
     * Queues one change on every connection listening to the job or its owner, once each, if the
     * connection may read the job (a job id subscription does not entitle anyone to someone else's job).
     */
    public void publish(JobUpdate update) {
        Job job = update.job();
        Set<Connection> jobListeners = byJob.get(job.jobId());
        Set<Connection> userListeners = job.userId() == null ? null : byUser.get(job.userId());
        if (jobListeners != null) {
            for (Connection c : jobListeners) {
                if (c.caller().mayRead(job)) {
                    c.deliver(update);
                }
            }
        }
        if (userListeners != null) {
            for (Connection c : userListeners) {
                if ((jobListeners == null || !jobListeners.contains(c)) && c.caller().mayRead(job)) {
                    c.deliver(update);
                }
            }
        }
    }

    /** Drops purged jobs' subscriptions and per-connection bookkeeping. */
    void onPurged(@Observes JobsPurged purged) {
        purged.jobIds().forEach(this::forgetJob);
    }

    /** Drops a purged job's subscriptions and per-connection bookkeeping. */
    public void forgetJob(String jobId) {
        throttle.forget(jobId);
        Set<Connection> listeners = byJob.remove(jobId);
        if (listeners != null) {
            for (Connection c : listeners) {
                c.topics().remove(Topic.job(jobId));
            }
        }
        for (Connection c : connections) {
            c.outbox().forget(jobId);
        }
    }

    public int connectionCount() {
        return connections.size();
    }

    /** Open connections authenticated as {@code userId}, {@code except} not counted. */
    public int connectionsOf(String userId, Connection except) {
        int n = 0;
        for (Connection c : connections) {
            if (c != except && !c.isClosed() && userId.equals(c.caller().userId())) {
                n++;
            }
        }
        return n;
    }

    public int connectionCount(WireFormat format) {
        int n = 0;
        for (Connection c : connections) {
            if (c.format() == format) {
                n++;
            }
        }
        return n;
    }

    public int queuedFrames() {
        int n = 0;
        for (Connection c : connections) {
            n += c.outbox().depth();
        }
        return n;
    }

    public int rememberedJobs() {
        int n = 0;
        for (Connection c : connections) {
            n += c.outbox().remembered();
        }
        return n;
    }

    public int subscriptionCount() {
        int n = 0;
        for (Connection c : connections) {
            n += c.topics().size();
        }
        return n;
    }

    public Set<Connection> connections() {
        return Set.copyOf(connections);
    }

    /** Number of connections subscribed to {@code topic}. */
    public int listeners(Topic topic) {
        return Optional.ofNullable(index(topic).get(topic.id())).map(Set::size).orElse(0);
    }

    private void remove(Connection connection, Topic topic) {
        index(topic).computeIfPresent(topic.id(), (id, set) -> {
            set.remove(connection);
            return set.isEmpty() ? null : set;
        });
    }

    private ConcurrentMap<String, Set<Connection>> index(Topic topic) {
        return topic.kind() == Topic.Kind.JOB ? byJob : byUser;
    }
}
