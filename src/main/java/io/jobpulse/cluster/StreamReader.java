package io.jobpulse.cluster;

import io.jobpulse.job.Job;
import jakarta.json.bind.Jsonb;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.resps.StreamEntry;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads every other node's changes from the stream, in stream order, and hands them to this node's
 * hub; entries of this node are skipped (the local path delivered them already).
 *
 * <p>It remembers the id of the last entry read and after a lost connection continues from there, so a
 * short outage costs nothing. Because entries may be gone meanwhile (the stream is capped, Redis may
 * have restarted) or never written (another node lost Redis too), every reconnect and every resync
 * request also triggers a resync: the current state of each job this node's clients follow is read
 * from the database and delivered. Outboxes drop whatever is not newer than what a client has, so
 * overlaps between the stream and a resync are harmless.
 *
 * <p>Entries are input like any other (anyone who can write to Redis can add one): entries without a
 * proper node id, and changes whose job fails {@link Entries#job}, are dropped and counted. Resync
 * requests cost every node a database read per followed topic, so requests from the stream are
 * coalesced to one resync per {@link #RESYNC_INTERVAL_NANOS}: a flood of forged ones costs what one
 * does; none is lost, a deferred one runs when the interval has passed.
 */
final class StreamReader implements Runnable {

    private static final Logger LOG = Logger.getLogger(StreamReader.class.getName());
    private static final int BLOCK_MS = 2000;
    private static final int BATCH = 512;
    static final long RESYNC_INTERVAL_NANOS = 5_000_000_000L;

    private final RedisLink redis;
    private final String stream;
    private final String node;
    private final Jsonb jsonb;
    private final Consumer<Job> deliver;
    private final Runnable resync;
    private final Runnable dropped;
    private final Backoff backoff = new Backoff();
    private long lastRequestedResync = System.nanoTime() - RESYNC_INTERVAL_NANOS;
    private boolean resyncPending;

    private volatile boolean running = true;
    private volatile boolean connected;
    private volatile Jedis connection;

    StreamReader(RedisLink redis, String stream, String node, Jsonb jsonb, Consumer<Job> deliver, Runnable resync,
                 Runnable dropped) {
        this.redis = redis;
        this.stream = stream;
        this.node = node;
        this.jsonb = jsonb;
        this.deliver = deliver;
        this.resync = resync;
        this.dropped = dropped;
    }

    @Override
    public void run() {
        StreamEntryID last = null;
        while (running) {
            try (Jedis jedis = redis.connect(BLOCK_MS + 3000)) {
                connection = jedis;
                if (last == null) {
                    last = newest(jedis);
                }
                connected = true;
                backoff.succeeded(LOG, "Reading job changes from Redis " + redis + " again");
                resync.run();
                while (running) {
                    last = readBatch(jedis, last);
                }
            } catch (RuntimeException e) {
                connected = false;
                if (running) {
                    backoff.failed(LOG, "Reading job changes from Redis " + redis + " failed; retrying", e);
                }
            }
        }
    }

    /** Reads and delivers what follows {@code after}; returns the id of the last entry read. */
    private StreamEntryID readBatch(Jedis jedis, StreamEntryID after) {
        List<Map.Entry<String, List<StreamEntry>>> result =
                jedis.xread(XReadParams.xReadParams().block(BLOCK_MS).count(BATCH), Map.of(stream, after));
        StreamEntryID last = after;
        if (result != null) {
            for (Map.Entry<String, List<StreamEntry>> perStream : result) {
                for (StreamEntry entry : perStream.getValue()) {
                    last = entry.getID();
                    take(entry.getFields());
                }
            }
        }
        if (resyncPending && System.nanoTime() - lastRequestedResync >= RESYNC_INTERVAL_NANOS) {
            resyncPending = false;
            lastRequestedResync = System.nanoTime();
            resync.run();
        }
        return last;
    }

    private void take(Map<String, String> fields) {
        if (!Entries.validNode(fields)) {
            dropped.run();
        } else if (Entries.isResync(fields)) {
            resyncPending |= !Entries.fromNode(fields, node);
        } else if (!Entries.fromNode(fields, node)) {
            deliver(fields);
        }
    }

    private void deliver(Map<String, String> fields) {
        try {
            Job job = Entries.job(fields, jsonb);
            if (job != null) {
                deliver.accept(job);
            } else {
                dropped.run();
            }
        } catch (RuntimeException e) {
            // one entry that cannot be delivered must not stop the node from reading the rest
            LOG.log(Level.WARNING, "Skipped a stream entry that could not be delivered", e);
        }
    }

    /** Where to start on first connect: after the newest entry, since no client here follows anything yet. */
    private StreamEntryID newest(Jedis jedis) {
        List<StreamEntry> newest = jedis.xrevrange(stream, "+", "-", 1);
        return newest.isEmpty() ? new StreamEntryID(0, 0) : newest.get(0).getID();
    }

    boolean connected() {
        return connected;
    }

    /** Ends the loop; closing the connection also ends a read or write blocked in it. */
    void stop() {
        running = false;
        RedisLink.closeQuietly(connection);
    }
}
