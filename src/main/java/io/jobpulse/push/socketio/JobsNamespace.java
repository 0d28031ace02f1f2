package io.jobpulse.push.socketio;

import io.jobpulse.job.Job;
import io.jobpulse.push.Connection;
import io.jobpulse.push.Hub;
import io.jobpulse.push.Topic;
import io.jobpulse.push.session.JobsProtocol;
import io.jobpulse.push.session.Reply;
import io.jobpulse.security.Caller;
import io.jobpulse.security.RefusalLog;
import io.jobpulse.security.TokenRejected;
import io.jobpulse.security.TokenVerifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The application behind {@code /socket.io/}: the main namespace {@code "/"} speaks the jobs
 * protocol (see docs/protocol.md, "Socket.IO"). {@code subscribe} / {@code unsubscribe} events go to {@link JobsProtocol}
 * like the plain endpoint's frames; the reply is the event's ack, {@code [{"ok":true,"jobs":[..]}]}
 * or {@code [{"ok":false,"error":{"code","message"}}]}. Without an ack callback there is nowhere to
 * send an error, so it is only logged.
 */
@ApplicationScoped
public class JobsNamespace {

    private static final Logger LOG = Logger.getLogger(JobsNamespace.class.getName());

    @Inject
    JobsProtocol protocol;

    @Inject
    Hub hub;

    @Inject
    Jsonb jsonb;

    @Inject
    TokenVerifier verifier;

    @Inject
    RefusalLog refusals;

    /** Whether {@code namespace} exists; a CONNECT to any other is refused with "Invalid namespace". */
    public boolean serves(String namespace) {
        return SocketPacket.MAIN.equals(namespace);
    }

    /**
     * Answers a CONNECT: with security on, {@code auth.token} must be a valid token, or the client
     * gets CONNECT_ERROR {@code {"message": <why>}} (socket.io-client's {@code connect_error}; it does
     * not retry on its own). Nothing of the payload is kept: the token is read once, here.
     */
    public void connect(SocketIoClient client, String namespace, JsonObject auth) {
        Connection connection = client.connection();
        Caller caller;
        try {
            caller = verifier.caller(auth.get("token") instanceof JsonString s ? s.getString() : null);
        } catch (TokenRejected e) {
            refusals.refused("/socket.io/ CONNECT", "connection " + connection.id(), e.reason());
            client.refuse(namespace, e.reason());
            return;
        }
        connection.caller(caller);
        Reply.Error crowded = protocol.admitUser(connection);
        if (crowded != null) {
            client.refuse(namespace, crowded.message());
            return;
        }
        client.accept(namespace);
    }

    /**
     * Runs one event already counted against the rate limit; {@code limited} is the error to answer
     * instead when it was over the limit, else null.
     */
    public void event(SocketIoClient client, String namespace, String event, JsonArray args, Long ackId, Reply.Error limited) {
        JsonValue request = args.isEmpty() ? JsonValue.NULL : args.get(0);
        Consumer<Reply> replier = reply -> {
            if (ackId != null) {
                client.ack(namespace, ackId, "[" + jsonb.toJson(ack(reply)) + "]");
            } else if (reply instanceof Reply.Error error) {
                LOG.fine(() -> "Unacknowledged " + error.code() + " on " + client.connection().id() + ": " + error.message());
            }
        };
        if (limited != null) {
            replier.accept(limited);
        } else {
            protocol.handle(client.connection(), event, request, replier);
        }
    }

    /** The client left the namespace: its subscriptions end, the socket stays open. */
    public void disconnect(SocketIoClient client, String namespace) {
        Connection connection = client.connection();
        for (Topic topic : List.copyOf(connection.topics())) {
            hub.unsubscribe(connection, topic);
        }
    }

    private static Object ack(Reply reply) {
        if (reply instanceof Reply.Error error) {
            return new Refused(false, error);
        }
        Reply.Ok ok = (Reply.Ok) reply;
        return new Accepted(true, ok.upToDate(), ok.jobs());
    }

    @JsonbPropertyOrder({"ok", "upToDate", "jobs"})
    public record Accepted(boolean ok, boolean upToDate, List<Job> jobs) {
    }

    /** {@code error} is {@code {"code","message"}}, as on the plain endpoint. */
    @JsonbPropertyOrder({"ok", "error"})
    public record Refused(boolean ok, Reply.Error error) {
    }
}
