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
 */
final class StreamReader implements Runnable {

    private static final Logger LOG = Logger.getLogger(StreamReader.class.getName());
    private static final int BLOCK_MS = 2000;
    private static final int BATCH = 512;

    private final RedisLink redis;
    private final String stream;
    private final String node;
    private final Jsonb jsonb;
    private final Consumer<Job> deliver;
    private final Runnable resync;
    private final Backoff backoff = new Backoff();

    private volatile boolean running = true;
    private volatile boolean connected;
    private volatile Jedis connection;

    StreamReader(RedisLink redis, String stream, String node, Jsonb jsonb, Consumer<Job> deliver, Runnable resync) {
        this.redis = redis;
        this.stream = stream;
        this.node = node;
        this.jsonb = jsonb;
        this.deliver = deliver;
        this.resync = resync;
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
        if (result == null) {
            return after;
        }
        StreamEntryID last = after;
        boolean resyncAsked = false;
        for (Map.Entry<String, List<StreamEntry>> perStream : result) {
            for (StreamEntry entry : perStream.getValue()) {
                last = entry.getID();
                Map<String, String> fields = entry.getFields();
                if (Entries.fromNode(fields, node)) {
                    continue;
                }
                if (Entries.isResync(fields)) {
                    resyncAsked = true;
                } else {
                    deliver(fields);
                }
            }
        }
        if (resyncAsked) {
            resync.run();
        }
        return last;
    }

    private void deliver(Map<String, String> fields) {
        try {
            Job job = Entries.job(fields, jsonb);
            if (job != null) {
                deliver.accept(job);
            }
        } catch (RuntimeException e) {
            // one unreadable entry must not stop the node from reading the rest
            LOG.log(Level.WARNING, "Skipped a stream entry that could not be read", e);
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
