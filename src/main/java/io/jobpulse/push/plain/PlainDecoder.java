package io.jobpulse.push.plain;

import io.jobpulse.push.session.JobsProtocol;
import io.jobpulse.push.session.Reply;
import io.jobpulse.security.JsonDepth;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;

import java.io.StringReader;
import java.util.NoSuchElementException;

/**
 * Reads one {@code /ws/jobs} text frame into a request for {@link JobsProtocol}: a single JSON object
 * no deeper than {@code jobpulse.json.max-depth}, with a string {@code "op"} and, if present, a string
 * or number {@code "id"} (echoed in the reply as sent). Anything else becomes the error the client
 * gets instead; nothing here throws.
 */
@ApplicationScoped
public class PlainDecoder {

    /** What a frame said: a request, or why it cannot be one. */
    public sealed interface Decoded {
    }

    /**
     * @param id   the frame's {@code "id"}, or null
     * @param args the whole frame: the protocol reads its arguments ({@code jobId}, {@code userId}, ...) from it
     */
    public record Request(JsonValue id, String op, JsonObject args) implements Decoded {
        /** The op as the reply echoes it: only the protocol's own operations, never client text. */
        public String echoedOp() {
            return JobsProtocol.SUBSCRIBE.equals(op) || JobsProtocol.UNSUBSCRIBE.equals(op)
                    || JobsProtocol.CANCEL.equals(op) ? op : null;
        }
    }

    /** @param id the frame's {@code "id"} when it could be read, else null */
    public record Refused(JsonValue id, Reply.Error error) implements Decoded {
    }

    @Inject
    JsonDepth depth;

    /** For CDI. */
    protected PlainDecoder() {
    }

    public PlainDecoder(JsonDepth depth) {
        this.depth = depth;
    }

    public Decoded decode(String text) {
        if (depth.exceeds(text)) {
            return refused(null, "too_deep", "JSON nested deeper than " + depth.max() + " levels (jobpulse.json.max-depth)");
        }
        JsonObject request = object(text);
        if (request == null) {
            return refused(null, "bad_json", "a frame must be one JSON object");
        }
        JsonValue id = request.get("id");
        if (id != null && id.getValueType() != JsonValue.ValueType.STRING
                && id.getValueType() != JsonValue.ValueType.NUMBER) {
            return refused(null, "invalid_request", "\"id\" must be a string or a number");
        }
        if (!(request.get("op") instanceof JsonString op)) {
            return refused(id, "invalid_request", "\"op\" must be a string");
        }
        return new Request(id, op.getString(), request);
    }

    private static Refused refused(JsonValue id, String code, String message) {
        return new Refused(id, Reply.error(code, message));
    }

    /** The frame as one JSON object, or null if it is anything else (including an object with more after it). */
    private static JsonObject object(String text) {
        try (JsonParser parser = Json.createParser(new StringReader(text))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                return null;
            }
            JsonObject object = parser.getObject();
            return parser.hasNext() ? null : object;
        } catch (JsonException | IllegalStateException | NoSuchElementException e) {
            return null;
        }
    }
}
