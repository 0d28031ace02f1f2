package io.jobpulse.bench.floor;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.io.StringReader;
import java.util.HashSet;
import java.util.Set;

/**
 * The Engine.IO/Socket.IO frames the benchmark's clients use, over the websocket transport only:
 * the open packet, the default namespace, "subscribe" with an ack. No heartbeat (socket.io pings
 * every 25 s; the floor does less, never more).
 */
@ServerEndpoint("/socket.io/")
public class FloorSocket {

    private static final String ROOMS = "rooms";

    @OnOpen
    public void open(Session session) {
        session.getUserProperties().put(ROOMS, new HashSet<String>());
        send(session, "0{\"sid\":\"" + session.getId()
                + "\",\"upgrades\":[],\"pingInterval\":25000,\"pingTimeout\":20000,\"maxPayload\":1000000}");
    }

    @OnMessage
    public void message(Session session, String text) {
        if (text.startsWith("40")) {
            send(session, "40{\"sid\":\"" + session.getId() + "\"}");
        } else if (text.startsWith("42")) {
            int args = text.indexOf('[');
            if (args < 0) {
                return;
            }
            String ackId = text.substring(2, args);
            JsonArray event;
            try (var reader = Json.createReader(new StringReader(text.substring(args)))) {
                event = reader.readArray();
            } catch (JsonException | ClassCastException e) {
                return;
            }
            if (event.size() < 2 || !"subscribe".equals(event.getString(0, ""))) {
                return;
            }
            JsonArray current = FloorJobs.INSTANCE.join(session, event.get(1));
            if (!ackId.isEmpty()) {
                send(session, "43" + ackId + "[" + (current == null
                        ? "{\"ok\":false,\"error\":{\"code\":\"invalid-subscription\"}}"
                        : "{\"ok\":true,\"jobs\":" + current + "}") + "]");
            }
            if (current != null) {
                // as socket.io's peer does: the current state follows the ack
                current.forEach(job -> send(session, "42[\"job:progress\"," + job + "]"));
            }
        }
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        FloorJobs.INSTANCE.leaveAll(session);
    }

    @SuppressWarnings("unchecked")
    static Set<String> rooms(Session session) {
        return (Set<String>) session.getUserProperties().get(ROOMS);
    }

    /** A blocking write on the caller's thread, one writer per session at a time. */
    static void send(Session session, String frame) {
        synchronized (session) {
            try {
                session.getBasicRemote().sendText(frame);
            } catch (IOException | IllegalStateException e) {
                // the client went away; @OnClose forgets it
            }
        }
    }
}
