package io.jobpulse.push.plain;

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

import java.time.Duration;

/**
 * What all {@code /ws/jobs} connections share: their limits and the one heartbeat that sends them
 * WebSocket pings (browsers answer those without any page code) and drops peers that stop answering.
 */
@ApplicationScoped
public class PlainSettings {

    @Inject
    @ConfigProperty(name = "jobpulse.ws.max-frame-bytes", defaultValue = "65536")
    int maxFrameBytes;

    @Inject
    ReplyLimit.Settings replyLimit;

    @Inject
    @ConfigProperty(name = "jobpulse.ws.ping-interval-ms", defaultValue = "25000")
    long pingIntervalMs;

    @Inject
    @ConfigProperty(name = "jobpulse.ws.ping-timeout-ms", defaultValue = "20000")
    long pingTimeoutMs;

    @Inject
    @ConfigProperty(name = "jobpulse.json.max-depth", defaultValue = "32")
    int maxJsonDepth;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private Heartbeat heartbeat;

    @PostConstruct
    void start() {
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

    public int maxFrameBytes() {
        return maxFrameBytes;
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
}
