package io.jobpulse.push.plain;

import io.jobpulse.push.CloseCodes;
import io.jobpulse.push.Connection;
import io.jobpulse.push.FrameLimit;
import io.jobpulse.push.Hub;
import io.jobpulse.push.JobsProtocol;
import io.jobpulse.push.SessionSender;
import io.jobpulse.push.WireFormat;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code /ws/jobs}: JSON text frames {@code {"op":"subscribe","jobId":".."}}, replies
 * {@code {"type":"ack"|"error",...}}, pushes {@code {"type":"job.progress","data":{..}}}.
 * One instance per connection; shared state lives in the {@link Hub}. {@code @Dependent} makes it a
 * CDI bean under annotated discovery, so Liberty creates it through CDI and injection works.
 */
@Dependent
@ServerEndpoint("/ws/jobs")
public class PlainEndpoint {

    private static final Logger LOG = Logger.getLogger(PlainEndpoint.class.getName());

    @Inject
    Hub hub;

    @Inject
    JobsProtocol protocol;

    @Inject
    PlainFrames frames;

    @Inject
    @ConfigProperty(name = "jobpulse.ws.max-frame-bytes", defaultValue = "65536")
    int maxFrameBytes;

    @Inject
    @ConfigProperty(name = "jobpulse.ws.max-queued-replies", defaultValue = "256")
    int maxQueuedReplies;

    private Connection connection;

    @OnOpen
    public void open(Session session) {
        connection = hub.connect(session.getId(), WireFormat.PLAIN, new SessionSender(session),
                (code, reason) -> close(session, code, reason), maxQueuedReplies);
    }

    @OnMessage(maxMessageSize = FrameLimit.CEILING_BYTES)
    public void text(String text) {
        if (FrameLimit.exceeds(text, maxFrameBytes)) {
            connection.close(CloseCodes.MESSAGE_TOO_BIG, "frame larger than " + maxFrameBytes + " bytes");
            return;
        }
        JsonObject request;
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            request = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            connection.reply(frames.error(null, null, "bad_json", "a frame must be one JSON object"));
            return;
        }
        JsonValue id = request.get("id");
        if (id != null && id.getValueType() != JsonValue.ValueType.STRING
                && id.getValueType() != JsonValue.ValueType.NUMBER) {
            connection.reply(frames.error(null, null, "invalid_request", "\"id\" must be a string or a number"));
            return;
        }
        String op = request.get("op") instanceof JsonString s ? s.getString() : null;
        if (op == null) {
            connection.reply(frames.error(id, null, "invalid_request", "\"op\" must be a string"));
            return;
        }
        String echoedOp = JobsProtocol.SUBSCRIBE.equals(op) || JobsProtocol.UNSUBSCRIBE.equals(op) ? op : null;
        protocol.handle(connection, op, request, reply -> connection.reply(frames.reply(id, echoedOp, reply)));
    }

    @OnMessage(maxMessageSize = FrameLimit.CEILING_BYTES)
    public void binary(ByteBuffer data) {
        connection.reply(frames.error(null, null, "binary_unsupported", "send JSON text frames"));
    }

    /** Answers to the watchdog's pings (browsers send them without any page code). */
    @OnMessage
    public void pong(PongMessage pong) {
        connection.ponged();
    }

    @OnClose
    public void closed(Session session, CloseReason reason) {
        if (connection != null) {
            hub.disconnect(connection);
        }
    }

    @OnError
    public void failed(Session session, Throwable error) {
        LOG.log(Level.FINE, "WebSocket error on " + session.getId(), error);
    }

    private static void close(Session session, int code, String reason) {
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.FINE, "Could not close " + session.getId(), e);
        }
    }
}
