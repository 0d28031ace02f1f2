package io.jobpulse.cluster;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.util.JedisURIHelper;

import java.net.URI;

/**
 * How to reach Redis: one {@code redis://[user:password@]host:port[/db]} (or {@code rediss://}) URI.
 * Each user of the link owns its own connection, so a blocking read never delays a publish.
 */
final class RedisLink {

    private static final int CONNECT_TIMEOUT_MS = 2000;

    private final URI uri;

    RedisLink(String uri) {
        this.uri = URI.create(uri.trim());
        if (!JedisURIHelper.isValid(this.uri)) {
            throw new IllegalArgumentException("jobpulse.redis.uri must look like redis://host:6379, not '" + uri + "'");
        }
    }

    /** A new connection (opened on first use) whose reads give up after {@code readTimeoutMs}. */
    Jedis connect(int readTimeoutMs) {
        return new Jedis(uri, DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(CONNECT_TIMEOUT_MS)
                .socketTimeoutMillis(readTimeoutMs)
                .clientName("jobpulse")
                .build());
    }

    /** Whether Redis answers right now; used by readiness. */
    boolean ping(int timeoutMs) {
        try (Jedis jedis = connect(timeoutMs)) {
            return "PONG".equalsIgnoreCase(jedis.ping());
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Closing from another thread is how a blocked read is ended; a failure there is of no interest. */
    static void closeQuietly(Jedis jedis) {
        if (jedis != null) {
            try {
                jedis.close();
            } catch (RuntimeException e) {
                // the connection is broken already
            }
        }
    }

    /** Host and port only: safe to log (no password). */
    @Override
    public String toString() {
        return uri.getHost() + ":" + uri.getPort();
    }
}
