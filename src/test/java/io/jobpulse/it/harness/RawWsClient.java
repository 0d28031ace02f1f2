package io.jobpulse.it.harness;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client on a bare TCP socket, for what well-behaved clients never do: it reads only when
 * the test says so (so the server meets real TCP backpressure) and answers pings only while reading
 * (so a peer that vanished without a FIN can be imitated).
 */
public final class RawWsClient implements AutoCloseable {

    /** Close code seen, or -1 while none; 1006 when the connection ended without a close frame. */
    private int closeCode = -1;
    private final Socket socket;
    /** The server's handshake answer: status line and headers. */
    private final String response;
    private final DataInputStream in;

    public RawWsClient(URI uri) throws IOException {
        socket = new Socket();
        // A small receive window, so the server meets backpressure after kilobytes, not megabytes.
        socket.setReceiveBufferSize(8192);
        socket.connect(new java.net.InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
        in = new DataInputStream(socket.getInputStream());
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String request = "GET " + target + " HTTP/1.1\r\n"
                + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        response = readHead();
        if (!response.startsWith("HTTP/1.1 101")) {
            throw new IOException("handshake refused: " + response);
        }
    }

    public void sendText(String text) throws IOException {
        send(0x1, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A text frame with exactly these bytes, valid UTF-8 or not. */
    public void sendTextBytes(byte[] payload) throws IOException {
        send(0x1, payload);
    }

    /**
     * The next text frame, answering pings on the way; null when the server closed the connection
     * (see {@link #closeCode()}) or nothing arrived within {@code timeoutMillis}.
     */
    public String readText(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        try {
            while (true) {
                int b0 = in.read();
                if (b0 < 0) {
                    closeCode = closeCode == -1 ? 1006 : closeCode;
                    return null;
                }
                int opcode = b0 & 0x0f;
                byte[] payload = readPayload();
                switch (opcode) {
                    case 0x1:
                        return new String(payload, StandardCharsets.UTF_8);
                    case 0x8:
                        closeCode = payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
                        return null;
                    case 0x9:
                        send(0xA, payload);
                        break;
                    default:
                        break;
                }
            }
        } catch (SocketTimeoutException e) {
            return null;
        } catch (IOException e) {
            closeCode = closeCode == -1 ? 1006 : closeCode;
            return null;
        }
    }

    public String handshakeResponse() {
        return response;
    }

    public int closeCode() {
        return closeCode;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private byte[] readPayload() throws IOException {
        int b1 = in.readUnsignedByte();
        long length = b1 & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return payload;
    }

    /** One masked frame (clients must mask, RFC 6455 §5.3). */
    private synchronized void send(int opcode, byte[] payload) throws IOException {
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write(0x80 | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else {
            frame.write(0x80 | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length & 0xff);
        }
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        OutputStream out = socket.getOutputStream();
        out.write(frame.toByteArray());
        out.flush();
    }

    private String readHead() throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }
}
