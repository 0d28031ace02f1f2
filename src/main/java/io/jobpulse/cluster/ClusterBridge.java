package io.jobpulse.cluster;

import io.jobpulse.job.Job;
import io.jobpulse.job.JobChanged;
import io.jobpulse.push.Hub;
import io.jobpulse.push.Snapshots;
import io.jobpulse.push.Topic;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.json.bind.Jsonb;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Moves job changes between nodes over one Redis stream, when {@code jobpulse.redis.uri} is set.
 * Every change this node accepts is appended once ({@link StreamPublisher}); every change another
 * node appended is delivered to this node's subscribers ({@link StreamReader}). Without the setting
 * the node works alone and nothing here runs.
 */
@ApplicationScoped
public class ClusterBridge {

    private static final Logger LOG = Logger.getLogger(ClusterBridge.class.getName());

    /** Read as an optional value: unset means a single node. */
    @Inject
    Config config;

    @Inject
    @ConfigProperty(name = "jobpulse.redis.stream", defaultValue = "jobpulse:changes")
    String stream;

    @Inject
    @ConfigProperty(name = "jobpulse.redis.stream-max-length", defaultValue = "100000")
    long streamMaxLength;

    @Inject
    @ConfigProperty(name = "jobpulse.redis.publish-queue", defaultValue = "10000")
    int publishQueue;

    @Inject
    Hub hub;

    @Inject
    Snapshots snapshots;

    @Inject
    Event<JobChanged> changes;

    @Inject
    Jsonb jsonb;

    @Inject
    MetricRegistry metrics;

    @Resource
    ManagedThreadFactory threads;

    /** New on every start: a restarted node is a new reader that wants none of its old entries back. */
    private final String node = UUID.randomUUID().toString();
    private RedisLink redis;
    private StreamPublisher publisher;
    private StreamReader reader;
    private Counter received;
    private Counter resyncs;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        Optional<String> uri = config.getOptionalValue("jobpulse.redis.uri", String.class);
        if (uri.isEmpty() || uri.get().isBlank()) {
            return;
        }
        redis = new RedisLink(uri.get());
        received = metrics.counter("jobpulse.cluster.received");
        resyncs = metrics.counter("jobpulse.cluster.resyncs");
        publisher = new StreamPublisher(redis, stream, streamMaxLength, publishQueue, node, jsonb,
                metrics.counter("jobpulse.cluster.published"));
        Counter dropped = metrics.counter("jobpulse.cluster.dropped");
        reader = new StreamReader(redis, stream, node, jsonb, this::deliver, this::resync, dropped::inc);
        threads.newThread(publisher).start();
        threads.newThread(reader).start();
        LOG.info("Cluster fan-out on Redis " + redis + ", stream '" + stream + "', node " + node);
    }

    /**
     * Publishes this node's changes (a remote one is already on the stream). Right after the hub,
     * before application observers that might throw.
     */
    void onChanged(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE + 1) JobChanged changed) {
        if (publisher != null && !changed.remote()) {
            publisher.offer(changed.job());
        }
    }

    public boolean enabled() {
        return redis != null;
    }

    /** Whether Redis answers now and this node is reading the stream; false when disabled. */
    public boolean healthy() {
        return enabled() && redis.ping(1000) && reader.connected();
    }

    /**
     * A change from another node reaches this node's listeners (hub, long-poll waiters, application
     * observers) as the same event a local change is, marked remote.
     */
    private void deliver(Job job) {
        received.inc();
        try {
            changes.fire(new JobChanged(job, true));
        } catch (RuntimeException e) {
            // A broken application observer must not stop the reader.
            LOG.log(Level.WARNING, "An observer of job changes failed for job " + job.jobId(), e);
        }
    }

    /**
     * Delivers the stored state of every job this node's clients follow. Runs on the reader's thread
     * after an outage; a failure (database down too) is logged and the reader goes on.
     */
    void resync() {
        resyncs.inc();
        try {
            Collection<Job> jobs = followed(hub, snapshots);
            jobs.forEach(this::deliver);
            LOG.log(Level.FINE, "Resynced {0} jobs from the store", jobs.size());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Resync from the store failed; clients get newer changes as they come", e);
        }
    }

    /** The stored state of every job some connection of the hub follows, each job once. */
    static Collection<Job> followed(Hub hub, Snapshots snapshots) {
        Map<String, Job> jobs = new LinkedHashMap<>();
        for (Topic topic : hub.topics()) {
            snapshots.current(topic).forEach(job -> jobs.putIfAbsent(job.jobId(), job));
        }
        return jobs.values();
    }

    @PreDestroy
    void stop() {
        if (publisher != null) {
            publisher.stop();
            reader.stop();
        }
    }
}
