package io.jobpulse.push.session;

import io.jobpulse.job.Cancellation;
import io.jobpulse.job.Ids;
import io.jobpulse.job.Job;
import io.jobpulse.push.CloseCause;
import io.jobpulse.push.CloseCodes;
import io.jobpulse.push.Connection;
import io.jobpulse.push.Hub;
import io.jobpulse.push.JobUpdate;
import io.jobpulse.push.Snapshots;
import io.jobpulse.push.Topic;
import io.jobpulse.security.Caller;
import io.jobpulse.security.TokenBucket;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The jobs protocol both socket endpoints speak (docs/protocol.md): subscribe / unsubscribe by
 * {@code jobId} or {@code userId}, and cancel by {@code jobId}. Endpoints decode frames into an
 * operation and its arguments and frame the {@link Reply}; the rules live here once: a connection
 * may subscribe to its own user only (an admin to any), to any job id (the {@link Connection} accepts
 * only jobs it may read), and send at most {@code jobpulse.ws.subscribe-rate} requests a second
 * beyond a burst of {@code jobpulse.ws.subscribe-burst}. A client that keeps sending past its limit
 * (more than {@code jobpulse.ws.max-rate-limited} refused requests a minute, a {@link SocketSettings}
 * key) is closed with {@link CloseCodes#POLICY_VIOLATION}.
 */
@ApplicationScoped
public class JobsProtocol {

    public static final String SUBSCRIBE = "subscribe";
    public static final String UNSUBSCRIBE = "unsubscribe";
    /** Asks to cancel the job named by {@code jobId}; the reply's one job carries {@code cancelRequested}. */
    public static final String CANCEL = "cancel";

    @Inject
    Hub hub;

    @Inject
    Snapshots snapshots;

    @Inject
    SocketSettings settings;

    @Inject
    Cancellation cancellation;

    @Inject
    @ConfigProperty(name = "jobpulse.ws.max-subscriptions", defaultValue = "100")
    int maxSubscriptions;

    @Inject
    @ConfigProperty(name = "jobpulse.ws.max-connections-per-user", defaultValue = "20")
    int maxConnectionsPerUser;

    @Inject
    @ConfigProperty(name = "jobpulse.ws.subscribe-rate", defaultValue = "20")
    double requestsPerSecond;

    @Inject
    @ConfigProperty(name = "jobpulse.ws.subscribe-burst", defaultValue = "200")
    int requestBurst;

    @PostConstruct
    void checkSettings() {
        new TokenBucket(requestsPerSecond, requestBurst); // a rate of 0 or a burst below 1 fails the deployment
        refusalAllowance();
    }

    /**
     * Refused requests a connection may send: {@code max-rate-limited} at once, refilled at that many a
     * minute. A client that backs off when told {@code rate_limited} never comes near it; one that
     * ignores it at twice the rate limit is cut off within seconds.
     */
    private TokenBucket refusalAllowance() {
        int maxRateLimited = settings.maxRateLimited();
        return new TokenBucket(maxRateLimited / 60.0, maxRateLimited);
    }

    /**
     * Counts one client request against the connection's rate limit: null if it may proceed, else
     * the {@code rate_limited} error to answer. Endpoints call it for every message, before they
     * decode it, so garbage costs as much as a subscribe; only an admitted request goes on to
     * {@link #handle}. When the flood persists (the connection used up its refusals) the connection is
     * closed with {@link CloseCodes#POLICY_VIOLATION}; the error is still returned, for the endpoint to drop.
     */
    public Reply.Error admit(Connection connection) {
        if (connection.requests(() -> new TokenBucket(requestsPerSecond, requestBurst)).tryTake()) {
            return null;
        }
        if (!connection.refusals(this::refusalAllowance).tryTake()) {
            connection.close(CloseCause.FLOOD, "rate_limited: more than " + settings.maxRateLimited()
                    + " refused requests in a minute");
        }
        return Reply.error("rate_limited", "more than " + requestBurst + " requests at once or "
                + requestsPerSecond + " a second; slow down");
    }

    /**
     * Whether the just authenticated caller of {@code connection} may keep it: null, or the
     * {@code too_many_connections} error when its user already has {@code max-connections-per-user}
     * other connections open (on any endpoint, subscribed or not). Call it after setting the caller;
     * a refused connection is set back to {@link Caller#NOBODY} so it counts for nobody.
     */
    public Reply.Error admitUser(Connection connection) {
        String userId = connection.caller().userId();
        if (userId == null || hub.connectionsOf(userId, connection) < maxConnectionsPerUser) {
            return null;
        }
        connection.caller(Caller.NOBODY);
        return Reply.error("too_many_connections", "user '" + userId + "' already has "
                + maxConnectionsPerUser + " connections open; close one first");
    }

    /**
     * Runs one operation the endpoint decoded from a request already counted by {@link #admit}: the
     * one way in for both endpoints. {@code replier} gets the reply before any snapshot update is
     * queued, so a client sees its ack first and then the current state of each matching job.
     */
    public void handle(Connection connection, String op, JsonValue args, Consumer<Reply> replier) {
        if (CANCEL.equals(op)) {
            cancel(connection, args, replier);
            return;
        }
        if (!SUBSCRIBE.equals(op) && !UNSUBSCRIBE.equals(op)) {
            replier.accept(Reply.error("unknown_op",
                    "unknown operation; use \"subscribe\", \"unsubscribe\" or \"cancel\""));
            return;
        }
        SubscriptionRequest request;
        try {
            request = SubscriptionRequest.parse(args);
        } catch (SubscriptionRequest.Invalid invalid) {
            replier.accept(invalid.error);
            return;
        }
        if (SUBSCRIBE.equals(op)) {
            subscribe(connection, request, replier);
        } else {
            hub.unsubscribe(connection, request.topic());
            replier.accept(new Reply.Ok(List.of(), true));
        }
    }

    /** The caller may cancel the jobs it may read: its own, any for a job-admin. */
    private void cancel(Connection connection, JsonValue args, Consumer<Reply> replier) {
        if (!(args instanceof JsonObject o) || !(o.get("jobId") instanceof JsonString id) || !Ids.isJobId(id.getString())) {
            replier.accept(Reply.error("invalid_request", "cancel needs \"jobId\": " + Ids.JOB_ID_RULE));
            return;
        }
        Cancellation.Answer answer = cancellation.request(id.getString(), connection.caller()::mayRead);
        replier.accept(answer.accepted() ? new Reply.Ok(List.of(answer.job()), false)
                : Reply.error(answer.code(), answer.message()));
    }

    /**
     * Registers the subscription, then answers with the jobs the client does not have yet (all of
     * them unless it said which versions it has) and queues them as snapshot events. The store is
     * read after the subscription is registered, so a change racing with it is either in the
     * snapshot or delivered live (the outbox drops whichever of the two is older).
     */
    private void subscribe(Connection connection, SubscriptionRequest request, Consumer<Reply> replier) {
        Topic topic = request.topic();
        if (topic.kind() == Topic.Kind.USER && !connection.caller().mayWatch(topic.id())) {
            replier.accept(Reply.error("forbidden", "you may subscribe only to your own userId ('"
                    + connection.caller().userId() + "'); subscribe to a job by its jobId"));
            return;
        }
        if (!connection.topics().contains(topic) && connection.topics().size() >= maxSubscriptions) {
            replier.accept(Reply.error("too_many_subscriptions",
                    "a connection may hold at most " + maxSubscriptions + " subscriptions; unsubscribe first"));
            return;
        }
        if (topic.kind() == Topic.Kind.USER && !connection.topics().contains(topic)
                && hub.listeners(topic) >= maxConnectionsPerUser) {
            replier.accept(Reply.error("too_many_connections", "user '" + topic.id() + "' already has "
                    + maxConnectionsPerUser + " connections subscribed; close one first"));
            return;
        }
        connection.outbox().holdUpdates();
        try {
            List<Job> newer = new ArrayList<>();
            if (topic.kind() == Topic.Kind.JOB && request.known().containsKey(topic.id())) {
                // followed by id, so remembered even before the job exists
                connection.outbox().alreadyHas(topic.id(), null, request.knownVersion(topic.id()));
            }
            hub.subscribe(connection, topic);
            for (Job job : snapshots.visibleTo(connection, topic)) {
                if (job.version() > request.knownVersion(job.jobId())) {
                    newer.add(job);
                } else {
                    // Only jobs of the snapshot: a made-up id in "versions" would cost memory for ever.
                    connection.outbox().alreadyHas(job.jobId(), job.userId(), request.knownVersion(job.jobId()));
                }
            }
            replier.accept(new Reply.Ok(newer, newer.isEmpty()));
            for (Job job : newer) {
                connection.deliver(new JobUpdate(job, false));
            }
        } finally {
            connection.outbox().releaseUpdates();
        }
    }
}
