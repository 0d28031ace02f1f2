package io.jobpulse.cluster;

import io.jobpulse.job.Job;
import jakarta.json.bind.Jsonb;
import org.eclipse.microprofile.metrics.Counter;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.params.XAddParams;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Appends this node's accepted changes to the stream, on its own thread: producers only enqueue, so a
 * slow or absent Redis never slows an event down (the change is already stored and pushed locally).
 *
 * <p>When a change cannot be appended (Redis unreachable, queue full), it is dropped and remembered as
 * {@code lost}; the first thing appended once Redis answers again is a resync request, on which every
 * other node re-reads from the database the jobs its clients follow. Nothing is retried entry by entry:
 * the database holds the truth, and latest-wins delivery needs only the newest state.
 */
final class StreamPublisher implements Runnable {

    private static final Logger LOG = Logger.getLogger(StreamPublisher.class.getName());
    private static final int BATCH = 256;
    private static final int READ_TIMEOUT_MS = 5000;

    private final RedisLink redis;
    private final String stream;
    private final String node;
    private final Jsonb jsonb;
    private final XAddParams trim;
    private final BlockingQueue<Job> queue;
    private final Backoff backoff = new Backoff();
    private final Counter published;

    private volatile boolean running = true;
    private volatile boolean lost;
    private volatile Jedis connection;

    StreamPublisher(RedisLink redis, String stream, long maxLength, int queueCapacity, String node, Jsonb jsonb,
                    Counter published) {
        this.published = published;
        this.redis = redis;
        this.stream = stream;
        this.node = node;
        this.jsonb = jsonb;
        this.trim = XAddParams.xAddParams().maxLen(maxLength).approximateTrimming();
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
    }

    /** Called in the producer's thread; never blocks. */
    void offer(Job job) {
        if (!queue.offer(job)) {
            lost = true;
        }
    }

    @Override
    public void run() {
        while (running) {
            try (Jedis jedis = redis.connect(READ_TIMEOUT_MS)) {
                connection = jedis;
                publishUntilStopped(jedis);
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                lost = true;
                queue.clear();
                backoff.failed(LOG, "Publishing job changes to Redis " + redis + " failed; retrying", e);
            }
        }
    }

    private void publishUntilStopped(Jedis jedis) {
        List<Job> batch = new ArrayList<>(BATCH);
        while (running) {
            if (lost) {
                lost = false;
                jedis.xadd(stream, trim, Entries.resync(node));
            }
            backoff.succeeded(LOG, "Publishing job changes to Redis " + redis + " again");
            Job first = next();
            if (first == null) {
                continue;
            }
            batch.clear();
            batch.add(first);
            queue.drainTo(batch, BATCH - 1);
            Pipeline pipeline = jedis.pipelined();
            for (Job job : batch) {
                pipeline.xadd(stream, trim, Entries.change(node, job, jsonb));
            }
            pipeline.sync();
            published.inc(batch.size());
        }
    }

    private Job next() {
        try {
            return queue.poll(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return null;
        }
    }

    /** Ends the loop; closing the connection also ends a read or write blocked in it. */
    void stop() {
        running = false;
        RedisLink.closeQuietly(connection);
    }
}
