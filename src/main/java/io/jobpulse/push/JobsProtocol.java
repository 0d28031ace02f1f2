package io.jobpulse.push;

import io.jobpulse.job.Ids;
import io.jobpulse.job.Job;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.function.Consumer;

/**
 * The jobs protocol both socket endpoints speak (CONTRACT §3, §4): subscribe / unsubscribe by
 * {@code jobId} or {@code userId}. Endpoints decode frames into an operation and its arguments and
 * frame the {@link Reply}; the rules live here once.
 */
@ApplicationScoped
public class JobsProtocol {

    public static final String SUBSCRIBE = "subscribe";
    public static final String UNSUBSCRIBE = "unsubscribe";

    @Inject
    Hub hub;

    @Inject
    @ConfigProperty(name = "jobpulse.ws.max-subscriptions", defaultValue = "100")
    int maxSubscriptions;

    /**
     * Runs one operation. {@code replier} gets the reply before any snapshot update is queued, so a
     * client sees its ack first and then the current state of each matching job.
     */
    public void handle(Connection connection, String op, JsonValue args, Consumer<Reply> replier) {
        if (SUBSCRIBE.equals(op)) {
            subscribe(connection, args, replier);
        } else if (UNSUBSCRIBE.equals(op)) {
            Object topic = topic(args);
            if (topic instanceof Topic t) {
                hub.unsubscribe(connection, t);
                replier.accept(new Reply.Ok(List.of()));
            } else {
                replier.accept((Reply.Error) topic);
            }
        } else {
            replier.accept(Reply.error("unknown_op",
                    "unknown operation; use \"subscribe\" or \"unsubscribe\""));
        }
    }

    private void subscribe(Connection connection, JsonValue args, Consumer<Reply> replier) {
        Object parsed = topic(args);
        if (parsed instanceof Reply.Error error) {
            replier.accept(error);
            return;
        }
        Topic topic = (Topic) parsed;
        if (!connection.topics().contains(topic) && connection.topics().size() >= maxSubscriptions) {
            replier.accept(Reply.error("too_many_subscriptions",
                    "a connection may hold at most " + maxSubscriptions + " subscriptions; unsubscribe first"));
            return;
        }
        List<Job> jobs = hub.subscribe(connection, topic);
        replier.accept(new Reply.Ok(jobs));
        for (Job job : jobs) {
            hub.deliver(connection, job);
        }
    }

    /** The topic named by {@code {"jobId": ".."}} or {@code {"userId": ".."}}, or the error to answer. */
    private static Object topic(JsonValue args) {
        if (!(args instanceof JsonObject object)) {
            return Reply.error("invalid_request", "expected an object with \"jobId\" or \"userId\"");
        }
        JsonValue jobId = object.get("jobId");
        JsonValue userId = object.get("userId");
        if ((jobId == null) == (userId == null)) {
            return Reply.error("invalid_request", "give exactly one of \"jobId\" or \"userId\"");
        }
        if (jobId != null) {
            String id = jobId instanceof JsonString s ? s.getString() : null;
            return Ids.isJobId(id) ? Topic.job(id) : Reply.error("invalid_job_id", Ids.JOB_ID_RULE);
        }
        String id = userId instanceof JsonString s ? s.getString() : null;
        return Ids.isUserId(id) ? Topic.user(id) : Reply.error("invalid_user_id", Ids.USER_ID_RULE);
    }
}
