package io.jobpulse.push.session;

import io.jobpulse.push.ReplyLimit;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/**
 * The settings of both socket endpoints, each key read here and nowhere else (README,
 * "Configuration"): the limits and heartbeat of {@code /ws/jobs} ({@link #plain()}), those of
 * {@code /socket.io/} ({@link #socketIo()}), and what they share: the reply queue bound
 * ({@link #replyLimit()}) and how many refused requests a flooding socket may send before it is
 * closed ({@link #maxRateLimited()}). Values that would break every connection (a limit below 1, a
 * zero timeout) fail the deployment instead. The rules of the jobs protocol's requests keep their own
 * keys in {@link JobsProtocol}; JSON depth is {@link io.jobpulse.security.JsonDepth}'s.
 */
@ApplicationScoped
public class SocketSettings {

    /** {@code /ws/jobs}: the largest frame, and WebSocket pings (browsers answer them without page code). */
    public record Plain(int maxFrameBytes, Duration pingInterval, Duration pingTimeout) {
    }

    /**
     * {@code /socket.io/}: what the Engine.IO open packet announces ({@code pingInterval},
     * {@code pingTimeout}, {@code maxPayload}), the smaller message limit until a CONNECT succeeds
     * (never above maxPayload) and how long a CONNECT may take.
     */
    public record SocketIo(Duration pingInterval, Duration pingTimeout, int maxPayloadBytes, int maxConnectBytes,
                           Duration connectTimeout) {
    }

    @Inject
    @ConfigProperty(name = "jobpulse.ws.max-frame-bytes", defaultValue = "65536")
    int plainMaxFrameBytes;

    @Inject
    @ConfigProperty(name = "jobpulse.ws.ping-interval-ms", defaultValue = "25000")
    long plainPingIntervalMs;

    @Inject
    @ConfigProperty(name = "jobpulse.ws.ping-timeout-ms", defaultValue = "20000")
    long plainPingTimeoutMs;

    @Inject
    @ConfigProperty(name = "jobpulse.socketio.ping-interval-ms", defaultValue = "25000")
    long socketIoPingIntervalMs;

    @Inject
    @ConfigProperty(name = "jobpulse.socketio.ping-timeout-ms", defaultValue = "20000")
    long socketIoPingTimeoutMs;

    @Inject
    @ConfigProperty(name = "jobpulse.socketio.max-payload-bytes", defaultValue = "1000000")
    int socketIoMaxPayloadBytes;

    /** Until a CONNECT succeeds a client has proved nothing: it may not make the server hold 1 MB. */
    @Inject
    @ConfigProperty(name = "jobpulse.socketio.max-connect-bytes", defaultValue = "16384")
    int socketIoMaxConnectBytes;

    @Inject
    @ConfigProperty(name = "jobpulse.socketio.connect-timeout-ms", defaultValue = "45000")
    long socketIoConnectTimeoutMs;

    @Inject
    @ConfigProperty(name = "jobpulse.ws.max-queued-replies", defaultValue = "256")
    int maxQueuedReplies;

    @Inject
    @ConfigProperty(name = "jobpulse.ws.max-queued-reply-bytes", defaultValue = "1048576")
    long maxQueuedReplyBytes;

    @Inject
    @ConfigProperty(name = "jobpulse.ws.max-rate-limited", defaultValue = "100")
    int maxRateLimited;

    private Plain plain;
    private SocketIo socketIo;
    private ReplyLimit replyLimit;

    @PostConstruct
    void check() {
        if (socketIoMaxPayloadBytes <= 0 || socketIoMaxConnectBytes <= 0 || socketIoConnectTimeoutMs <= 0) {
            throw new IllegalStateException("jobpulse.socketio.max-payload-bytes, max-connect-bytes and connect-timeout-ms must be positive");
        }
        plain = new Plain(plainMaxFrameBytes, Duration.ofMillis(plainPingIntervalMs), Duration.ofMillis(plainPingTimeoutMs));
        socketIo = new SocketIo(Duration.ofMillis(socketIoPingIntervalMs), Duration.ofMillis(socketIoPingTimeoutMs),
                socketIoMaxPayloadBytes, Math.min(socketIoMaxConnectBytes, socketIoMaxPayloadBytes),
                Duration.ofMillis(socketIoConnectTimeoutMs));
        // A limit below 1 fails the deployment rather than closing every connection at its first reply.
        replyLimit = new ReplyLimit(maxQueuedReplies, maxQueuedReplyBytes);
    }

    public Plain plain() {
        return plain;
    }

    public SocketIo socketIo() {
        return socketIo;
    }

    /** How many replies may wait for a client that does not read, on either endpoint. */
    public ReplyLimit replyLimit() {
        return replyLimit;
    }

    /**
     * Refused ({@code rate_limited}) requests one connection may send, refilled at that many a
     * minute, before it is closed with 1008; {@link JobsProtocol} applies it on both endpoints.
     */
    public int maxRateLimited() {
        return maxRateLimited;
    }
}
