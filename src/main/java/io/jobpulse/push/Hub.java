package io.jobpulse.push;

import io.jobpulse.job.Job;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Who listens on this node: the one registry of connections and subscriptions, shared by both
 * socket endpoints, and the fan-out. A job change reaches every connection subscribed to the job or
 * to its owner through the same code, whatever the connection's protocol; each connection decides
 * what its caller may read ({@link Connection#deliver}). Changes come in through {@link HubFeed};
 * what a subscribe answers with is {@link Snapshots}'s; the gauges are {@link PushMetrics}'.
 */
@ApplicationScoped
public class Hub {

    private final ConcurrentMap<String, Set<Connection>> byJob = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Set<Connection>> byUser = new ConcurrentHashMap<>();
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final PushStats stats;
    private final Outbox.Writers writers;

    @Inject
    public Hub(PushStats stats, SenderThreads.Service senders) {
        this(stats, senders.pool());
    }

    /** Without CDI (unit tests): frames are written at once on the thread that queues them. */
    public Hub(PushStats stats) {
        this(stats, Outbox.Writers.INLINE);
    }

    /** Without CDI, with {@code writers} writing the outboxes. */
    public Hub(PushStats stats, Outbox.Writers writers) {
        this.stats = stats;
        this.writers = writers;
    }

    /** For the CDI proxy only. */
    protected Hub() {
        this.stats = null;
        this.writers = null;
    }

    public Connection connect(String id, WireFormat format, Outbox.Sender sender, Connection.Closer closer,
                              ReplyLimit replyLimit) {
        Connection connection = new Connection(id, format, sender, writers, closer, replyLimit, stats,
                this::disconnect);
        connections.add(connection);
        return connection;
    }

    /** On undeploy or server stop: tell every client to reconnect (elsewhere) with 1001. */
    @PreDestroy
    void closeAll() {
        for (Connection c : connections()) {
            c.close(CloseCause.SERVER_STOPPING, "server stopping");
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
     * Adds a subscription. Whoever answers the subscribe reads its snapshot after this returns, so
     * a change racing with it is either in the snapshot or delivered live (the outbox drops
     * whichever of the two is older).
     */
    public void subscribe(Connection connection, Topic topic) {
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

    /** Every topic at least one connection on this node follows. */
    public Set<Topic> topics() {
        Set<Topic> topics = new HashSet<>();
        byJob.keySet().forEach(id -> topics.add(Topic.job(id)));
        byUser.keySet().forEach(id -> topics.add(Topic.user(id)));
        return topics;
    }

    /**
     * Queues one change on every connection listening to the job or its owner, once each (the
     * connection drops it if its caller may not read the job).
     */
    public void publish(JobUpdate update) {
        Job job = update.job();
        Set<Connection> jobListeners = byJob.get(job.jobId());
        Set<Connection> userListeners = job.userId() == null ? null : byUser.get(job.userId());
        if (jobListeners != null) {
            for (Connection c : jobListeners) {
                c.deliver(update);
            }
        }
        if (userListeners != null) {
            for (Connection c : userListeners) {
                if (jobListeners == null || !jobListeners.contains(c)) {
                    c.deliver(update);
                }
            }
        }
    }

    /** Drops a purged job's subscriptions and per-connection bookkeeping. */
    public void forgetJob(String jobId) {
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
