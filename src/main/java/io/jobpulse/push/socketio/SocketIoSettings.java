package io.jobpulse.push.socketio;

import io.jobpulse.push.session.Heartbeat;
import io.jobpulse.push.ReplyLimit;
import io.jobpulse.security.JsonDepth;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

/**
 * What all {@code /socket.io/} connections share: the settings announced in the Engine.IO open
 * packet, the one heartbeat that pings them all, and session ids.
 */
@ApplicationScoped
public class SocketIoSettings {

    @Inject
    @ConfigProperty(name = "jobpulse.socketio.ping-interval-ms", defaultValue = "25000")
    long pingIntervalMs;

    @Inject
    @ConfigProperty(name = "jobpulse.socketio.ping-timeout-ms", defaultValue = "20000")
    long pingTimeoutMs;

    @Inject
    @ConfigProperty(name = "jobpulse.socketio.max-payload-bytes", defaultValue = "1000000")
    int maxPayloadBytes;

    /** Until a CONNECT succeeds a client has proved nothing: it may not make the server hold 1 MB. */
    @Inject
    @ConfigProperty(name = "jobpulse.socketio.max-connect-bytes", defaultValue = "16384")
    int maxConnectBytes;

    @Inject
    @ConfigProperty(name = "jobpulse.socketio.connect-timeout-ms", defaultValue = "45000")
    long connectTimeoutMs;

    @Inject
    ReplyLimit.Settings replyLimit;

    @Inject
    @ConfigProperty(name = "jobpulse.json.max-depth", defaultValue = "32")
    int maxJsonDepth;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final SecureRandom random = new SecureRandom();
    private Heartbeat heartbeat;

    @PostConstruct
    void start() {
        if (maxPayloadBytes <= 0 || maxConnectBytes <= 0 || connectTimeoutMs <= 0) {
            throw new IllegalStateException("jobpulse.socketio.max-payload-bytes, max-connect-bytes and connect-timeout-ms must be positive");
        }
        heartbeat = new Heartbeat(Duration.ofMillis(pingIntervalMs), Duration.ofMillis(pingTimeoutMs));
        heartbeat.start(scheduler);
    }

    @PreDestroy
    void stop() {
        heartbeat.stop();
    }

    public Heartbeat heartbeat() {
        return heartbeat;
    }

    /** The Engine.IO handshake; {@code upgrades} is empty because WebSocket is the only transport. */
    public String openPacket(String sid) {
        return EnginePacket.encode(EnginePacket.Type.OPEN, "{\"sid\":\"" + sid + "\",\"upgrades\":[],\"pingInterval\":"
                + pingIntervalMs + ",\"pingTimeout\":" + pingTimeoutMs + ",\"maxPayload\":" + maxPayloadBytes + "}");
    }

    public int maxPayloadBytes() {
        return maxPayloadBytes;
    }

    /** The message size limit until the client has joined a namespace; never above maxPayload. */
    public int maxConnectBytes() {
        return Math.min(maxConnectBytes, maxPayloadBytes);
    }

    public Duration connectTimeout() {
        return Duration.ofMillis(connectTimeoutMs);
    }

    /** Whether a client's message nests deeper than {@code jobpulse.json.max-depth}. */
    public boolean tooDeep(String message) {
        return JsonDepth.exceeds(message, maxJsonDepth);
    }

    public int maxJsonDepth() {
        return maxJsonDepth;
    }

    public ReplyLimit replyLimit() {
        return replyLimit.limit();
    }

    /** A fresh unguessable id (120 random bits, URL-safe), for Engine.IO sessions and namespace sockets. */
    public String newId() {
        byte[] bytes = new byte[15];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
