package io.jobpulse.push;

import io.jobpulse.security.Caller;
import jakarta.json.Json;
import jakarta.websocket.SendResult;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Connections on a real hub whose socket completes every send at once, for tests without a container. */
public final class TestConnections {

    private TestConnections() {
    }

    /** A plain connection on {@code hub} whose socket completes every send at once, into {@code frames}. */
    public static Connection connect(Hub hub, String id, Caller caller, List<String> frames) {
        Connection c = hub.connect(id, WireFormat.PLAIN, (text, done) -> {
            frames.add(text);
            done.onResult(new SendResult());
        }, (code, reason) -> { }, new ReplyLimit(16, 1 << 20));
        c.caller(caller);
        return c;
    }

    public static Caller user(String userId, String... roles) {
        return new Caller(userId, Set.of(roles), Instant.now().plusSeconds(3600));
    }

    /** A job push as {@code jobId@version}; any other frame as it is. */
    public static String describe(String frame) {
        if (!frame.startsWith("{")) {
            return frame;
        }
        var data = Json.createReader(new StringReader(frame)).readObject().getJsonObject("data");
        return data.getString("jobId") + "@" + data.getInt("version");
    }
}
