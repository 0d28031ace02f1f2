package io.jobpulse.it.harness;

import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import io.socket.engineio.client.transports.WebSocket;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.json.JSONObject;

import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The Java {@code io.socket:socket.io-client} with a typical frontend's options (WebSocket only,
 * reconnection delay 1000 ms, max 5000 ms, 5 attempts), recording what it receives. Everything
 * the library hands over is converted to JSON-P so tests compare plain JSON.
 */
public final class FrontendSocket implements AutoCloseable {

    public static final List<String> JOB_EVENTS = List.of("job:progress", "job:completed", "job:failed");

    /** One job event as received: its name and payload. */
    public record Event(String name, JsonObject data) {
        public long version() {
            return data.getJsonNumber("version").longValue();
        }
    }

    public final Socket socket;
    public final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    public final BlockingQueue<String> disconnects = new LinkedBlockingQueue<>();
    public final BlockingQueue<JsonObject> connectErrors = new LinkedBlockingQueue<>();
    public final BlockingQueue<JsonObject> acks = new LinkedBlockingQueue<>();
    public final AtomicInteger connects = new AtomicInteger();

    private FrontendSocket(Socket socket) {
        this.socket = socket;
    }

    /**
     * Connects to {@code namespace} of the deployment; {@code onConnect} runs on every (re)connect,
     * which is where a typical frontend (re)subscribes.
     */
    public static FrontendSocket connect(Server server, String namespace, Map<String, String> auth, Consumer<FrontendSocket> onConnect) {
        IO.Options options = IO.Options.builder()
                .setForceNew(true)
                .setPath(server.http("socket.io/").getPath())
                .setTransports(new String[]{WebSocket.NAME})
                .setReconnection(true)
                .setReconnectionDelay(1000)
                .setReconnectionDelayMax(5000)
                .setReconnectionAttempts(5)
                .setAuth(auth)
                .build();
        FrontendSocket frontend = new FrontendSocket(IO.socket(server.root(namespace.substring(1)), options));
        frontend.socket.on(Socket.EVENT_CONNECT, args -> {
            frontend.connects.incrementAndGet();
            onConnect.accept(frontend);
        });
        frontend.socket.on(Socket.EVENT_DISCONNECT, args -> frontend.disconnects.add(String.valueOf(args[0])));
        frontend.socket.on(Socket.EVENT_CONNECT_ERROR, args -> frontend.connectErrors.add(
                args[0] instanceof JSONObject o ? json(o) : Json.createObjectBuilder().add("error", String.valueOf(args[0])).build()));
        for (String name : JOB_EVENTS) {
            frontend.socket.on(name, args -> frontend.events.add(new Event(name, json((JSONObject) args[0]))));
        }
        frontend.socket.connect();
        return frontend;
    }

    public static FrontendSocket connect(Server server, Map<String, String> auth, Consumer<FrontendSocket> onConnect) {
        return connect(server, "/", auth, onConnect);
    }

    /** {@code socket.emit("subscribe", args, ack)}; the ack lands in {@link #acks}. */
    public void subscribe(Map<String, String> args) {
        socket.emit("subscribe", new Object[]{new JSONObject(args)}, (Ack) reply -> acks.add(json((JSONObject) reply[0])));
    }

    public JsonObject nextAck() {
        return take(acks, "ack");
    }

    public Event nextEvent() {
        return take(events, "job event");
    }

    public Event pollEvent(Duration timeout) {
        try {
            return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Waits until the client has connected {@code times} times in all. */
    public void awaitConnects(int times) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (connects.get() < times) {
            if (System.nanoTime() > end) {
                throw new AssertionError("connected " + connects.get() + " times, expected " + times);
            }
            sleep(Duration.ofMillis(20));
        }
    }

    @Override
    public void close() {
        socket.close();
    }

    public static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static <T> T take(BlockingQueue<T> queue, String what) {
        try {
            T item = queue.poll(15, TimeUnit.SECONDS);
            if (item == null) {
                throw new AssertionError("no " + what + " within 15 s");
            }
            return item;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static JsonObject json(JSONObject object) {
        try (JsonReader reader = Json.createReader(new StringReader(object.toString()))) {
            return reader.readObject();
        }
    }
}
