package io.jobpulse.cluster;

import io.jobpulse.job.Job;
import io.jobpulse.job.JobStatus;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Entries written to the real Redis (127.0.0.1:6379) by someone who is not a node: forged and broken
 * ones are dropped and counted, and a flood of forged resync requests costs one resync, not one each.
 */
class StreamReaderTest {

    final Jsonb jsonb = JsonbBuilder.create(new JsonbConfig().withAdapters(new JobStatus.JsonAdapter()));
    final RedisLink redis = new RedisLink(System.getProperty("redis.uri", "redis://127.0.0.1:6379"));
    final String stream = "jobpulse:test:" + UUID.randomUUID();
    final List<Job> delivered = new CopyOnWriteArrayList<>();
    final AtomicInteger resyncs = new AtomicInteger();
    final AtomicInteger dropped = new AtomicInteger();
    final StreamReader reader = new StreamReader(redis, stream, "node-here", jsonb, delivered::add,
            resyncs::incrementAndGet, dropped::incrementAndGet);

    @AfterEach
    void stop() {
        reader.stop();
        try (Jedis jedis = redis.connect(2000)) {
            jedis.del(stream);
        }
    }

    @Test
    void forgedEntriesAreDroppedAndCountedAndAResyncFloodCostsOneResync() throws InterruptedException {
        Thread thread = new Thread(reader, "stream-reader-test");
        thread.setDaemon(true);
        thread.start();
        await(() -> reader.connected() && resyncs.get() == 1, "connected, with the resync every (re)connect makes");

        Job good = new Job("j-1", "amy", null, JobStatus.RUNNING, 40, "m", null, null, 3,
                Instant.parse("2030-01-01T10:00:00Z"), Instant.parse("2030-01-01T10:00:01Z"));
        String json = jsonb.toJson(good);
        try (Jedis jedis = redis.connect(2000)) {
            jedis.xadd(stream, StreamEntryID.NEW_ENTRY, Map.of("job", json)); // no node
            jedis.xadd(stream, StreamEntryID.NEW_ENTRY, Map.of("node", "bad node!", "job", json));
            jedis.xadd(stream, StreamEntryID.NEW_ENTRY, Map.of("node", "n".repeat(65), "job", json));
            jedis.xadd(stream, StreamEntryID.NEW_ENTRY, Map.of("node", "other", "job", "{not json"));
            jedis.xadd(stream, StreamEntryID.NEW_ENTRY, Map.of("node", "other", "job", json.replace("\"j-1\"", "\"bad id\"")));
            for (int i = 0; i < 100; i++) {
                jedis.xadd(stream, StreamEntryID.NEW_ENTRY, Map.of("node", "other", "resync", "1"));
            }
            jedis.xadd(stream, StreamEntryID.NEW_ENTRY, Map.of("node", "other", "job", json));
        }
        await(() -> delivered.size() == 1, "the one good change is delivered");
        assertEquals(good, delivered.get(0));
        assertEquals(5, dropped.get(), "each forged or broken entry is counted");
        Thread.sleep(500);
        assertTrue(resyncs.get() <= 2, "100 forged resync requests at once cost at most one resync, ran " + resyncs.get());
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        for (int i = 0; i < 100 && !condition.getAsBoolean(); i++) {
            Thread.sleep(50);
        }
        assertTrue(condition.getAsBoolean(), what);
    }
}
