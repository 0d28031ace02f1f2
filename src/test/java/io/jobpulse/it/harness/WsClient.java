package io.jobpulse.it.harness;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real WebSocket client (the JDK's) that records every text frame and how the socket closed. */
public final class WsClient implements AutoCloseable {

    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final WebSocket socket;
    private volatile boolean paused;
    private volatile boolean demandOwed;

    private volatile String closeReason;

    private WsClient(URI uri, String... headers) {
        this.socket = builder(headers).buildAsync(uri, new Listener()).join();
    }

    private static WebSocket.Builder builder(String... headers) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    public static WsClient connect(URI uri) {
        return new WsClient(uri);
    }

    /** Connects with handshake headers given as name, value pairs (e.g. Authorization, Origin). */
    public static WsClient connect(URI uri, String... headers) {
        return new WsClient(uri, headers);
    }

    /**
     * The HTTP answer to a handshake the server refuses (status and body), or null when the server
     * upgraded the connection (which is then closed at once).
     */
    public static HttpResponse<String> refusal(URI uri, String... headers) {
        try {
            WebSocket ws = builder(headers).buildAsync(uri, new WebSocket.Listener() { }).join();
            ws.abort();
            return null;
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                @SuppressWarnings("unchecked")
                HttpResponse<String> response = (HttpResponse<String>) refused.getResponse();
                return response;
            }
            throw e;
        }
    }

    /** Stops reading: frames stay in the network buffers, so the server sees a client that cannot keep up. */
    public void pause() {
        paused = true;
    }

    /** Reads again. */
    public void resume() {
        paused = false;
        if (demandOwed) {
            demandOwed = false;
            socket.request(1);
        }
    }

    public WsClient send(String text) {
        socket.sendText(text, true).join();
        return this;
    }

    /**
     * Sends {@code text} as one message split into {@code parts} fragments; returns false when the
     * server closed the connection before the last one went out.
     */
    public boolean sendFragmented(String text, int parts) {
        int size = (text.length() + parts - 1) / parts;
        try {
            for (int start = 0; start < text.length(); start += size) {
                int end = Math.min(text.length(), start + size);
                socket.sendText(text.substring(start, end), end == text.length()).join();
            }
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Sends one fragment of a text message; false when the server closed the connection first. */
    public boolean sendPart(String text, boolean last) {
        try {
            socket.sendText(text, last).join();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    public WsClient sendBinary(byte[] data) {
        socket.sendBinary(ByteBuffer.wrap(data), true).join();
        return this;
    }

    /** The next text frame as JSON; fails the test if none arrives in time. */
    public JsonObject next() {
        return next(Duration.ofSeconds(10));
    }

    public JsonObject next(Duration timeout) {
        String frame = poll(timeout);
        if (frame == null) {
            throw new AssertionError("no frame within " + timeout);
        }
        try (JsonReader r = Json.createReader(new StringReader(frame))) {
            return r.readObject();
        }
    }

    /** Reads pushed frames until one's {@code data} matches and returns that data; each data read is added to {@code seen}. */
    public JsonObject awaitData(Predicate<JsonObject> condition, List<JsonObject> seen) {
        while (true) {
            JsonObject data = next(Duration.ofSeconds(30)).getJsonObject("data");
            seen.add(data);
            if (condition.test(data)) {
                return data;
            }
        }
    }

    public JsonObject awaitData(Predicate<JsonObject> condition) {
        return awaitData(condition, new ArrayList<>());
    }

    /** The next raw text frame, or null if none arrives in time. */
    public String poll(Duration timeout) {
        try {
            return frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The close code the server sent; fails if the socket is still open after the timeout. */
    public int awaitClose(Duration timeout) {
        try {
            return closeCode.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("socket not closed within " + timeout, e);
        }
    }

    /** The reason the server gave with its close code, once closed. */
    public String closeReason() {
        return closeReason;
    }

    public boolean isClosed() {
        return closeCode.isDone();
    }

    /** Drops the TCP connection without a close handshake, like a crashed client. */
    public void abort() {
        socket.abort();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(partial.toString());
                partial.setLength(0);
            }
            if (paused) {
                demandOwed = true;
            } else {
                ws.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closeReason = reason;
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closeCode.complete(-1);
        }
    }
}
