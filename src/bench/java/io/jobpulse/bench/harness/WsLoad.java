package io.jobpulse.bench.harness;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Thousands of WebSocket clients on a few selector threads, speaking the frames themselves (no
 * client library, no String per frame) so the harness costs far less than the server it loads.
 * Each client subscribes to its jobs by id and, for every push, checks the version order and takes
 * the latency from the {@code m<nanoTime>} message. Sockets are bound to several loopback source
 * addresses (127.0.0.2, .3, ...), so the 28k ephemeral ports of one address are no limit.
 */
final class WsLoad implements AutoCloseable {

    enum Protocol {
        PLAIN("/ws/jobs"),
        SOCKET_IO("/socket.io/?EIO=4&transport=websocket");

        final String path;

        Protocol(String path) {
            this.path = path;
        }

        static Protocol of(String name) {
            return name.equalsIgnoreCase("plain") ? PLAIN : SOCKET_IO;
        }
    }

    private static final int CONNECTING = 0;
    private static final int HANDSHAKE = 1;
    private static final int ENGINE_OPEN = 2;
    private static final int NAMESPACE = 3;
    private static final int OPEN = 4;
    private static final int CLOSED = 5;

    private static final byte[] HEAD_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] JOB_ID = "\"jobId\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MESSAGE = "\"message\":\"m".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VERSION = "\"version\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MASK = {0x1f, 0x2e, 0x3d, 0x4c};

    /** One client socket. Touched only by its loop thread once registered. */
    private static final class Client {
        final SocketChannel channel;
        final int[] jobs;
        final long[] last;
        int state = CONNECTING;
        int acks;
        byte[] leftover;
        boolean released;

        Client(SocketChannel channel, int[] jobs) {
            this.channel = channel;
            this.jobs = jobs;
            this.last = new long[jobs.length];
        }
    }

    private final Protocol protocol;
    private final String prefix;
    private final InetSocketAddress server;
    private final int sourceAddresses;
    private final Loop[] loops;
    private final List<Client> clients = new ArrayList<>();
    private final Semaphore connectWindow;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger subscribed = new AtomicInteger();
    private final AtomicInteger closedByServer = new AtomicInteger();
    private volatile boolean measuring;

    /** Clients of {@code server}; job index i is the job id {@code prefix-i}. */
    WsLoad(Protocol protocol, String prefix, InetSocketAddress server, int sourceAddresses, int threads,
           int connectWindow) throws IOException {
        this.protocol = protocol;
        this.prefix = prefix;
        this.server = server;
        this.sourceAddresses = sourceAddresses;
        this.connectWindow = new Semaphore(connectWindow);
        this.loops = new Loop[threads];
        for (int i = 0; i < threads; i++) {
            loops[i] = new Loop(i);
            loops[i].start();
        }
    }

    /**
     * Opens {@code count} clients, {@code jobsOf.apply(i)} being client i's jobs (by index), with at
     * most the connect window handshaking at once. Returns the seconds it took until all were open
     * (handshake done, Socket.IO namespace joined) or had failed.
     */
    double connect(int count, java.util.function.IntFunction<int[]> jobsOf, long timeoutSeconds)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        int base = clients.size();
        for (int i = 0; i < count; i++) {
            if (!connectWindow.tryAcquire(timeoutSeconds, TimeUnit.SECONDS)) {
                throw new IOException("connect window stuck; " + open.get() + " open, " + failed.get() + " failed");
            }
            SocketChannel ch = SocketChannel.open();
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            int n = base + i;
            ch.bind(new InetSocketAddress("127.0.0." + (2 + n % sourceAddresses), 0));
            Client c = new Client(ch, jobsOf.apply(n));
            clients.add(c);
            ch.connect(server);
            loops[n % loops.length].register(c);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (open.get() + failed.get() < clients.size() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Sends every client's subscribes and waits for all acks; returns the seconds it took. */
    double subscribeAll(long timeoutSeconds) throws InterruptedException {
        long start = System.nanoTime();
        int expected = 0;
        for (Loop loop : loops) {
            loop.tasks.add(loop::subscribeAll);
            loop.selector.wakeup();
        }
        for (Client c : clients) {
            expected += c.state == OPEN ? 1 : 0;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (subscribed.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    int open() {
        return open.get();
    }

    int failed() {
        return failed.get();
    }

    int subscribed() {
        return subscribed.get();
    }

    int closedByServer() {
        return closedByServer.get();
    }

    /** While measuring, pushes count as delivered and their latency is kept. */
    void measuring(boolean on) {
        measuring = on;
    }

    long delivered() {
        return sum(l -> l.delivered.get());
    }

    long deliveredInWindow() {
        return sum(l -> l.deliveredInWindow.get());
    }

    /** Versions a client never saw because the server sent a newer one instead (latest wins). */
    long gaps() {
        return sum(l -> l.gaps.get());
    }

    /** Pushes whose version was not newer than one the client already had (must be 0). */
    long outOfOrder() {
        return sum(l -> l.outOfOrder.get());
    }

    private long sum(java.util.function.ToLongFunction<Loop> counter) {
        long n = 0;
        for (Loop l : loops) {
            n += counter.applyAsLong(l);
        }
        return n;
    }

    Latencies latencies() {
        return latencies(false);
    }

    /** The samples kept so far, which are then forgotten: one slice of a long run. */
    Latencies takeLatencies() {
        return latencies(true);
    }

    private Latencies latencies(boolean clear) {
        Latencies all = new Latencies();
        for (Loop l : loops) {
            synchronized (l.latencies) {
                all.addAll(l.latencies);
                if (clear) {
                    l.latencies.clear();
                }
            }
        }
        return all;
    }

    /**
     * Versions each client is behind the final version of its jobs (the states that never reached
     * it, not even as a newer state): the events lost. Call after the load has stopped and drained.
     */
    long behind(long[] finalVersions) {
        long n = 0;
        for (Client c : clients) {
            if (c.state != OPEN) {
                continue;
            }
            for (int k = 0; k < c.jobs.length; k++) {
                n += Math.max(0, finalVersions[c.jobs[k]] - c.last[k]);
            }
        }
        return n;
    }

    @Override
    public void close() {
        for (Loop l : loops) {
            l.running = false;
            l.selector.wakeup();
        }
        for (Loop l : loops) {
            try {
                l.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Client c : clients) {
            try {
                c.channel.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        // A closed channel keeps its file descriptor until its selector deregisters it: close those too.
        for (Loop l : loops) {
            try {
                l.selector.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    /** One selector thread and the clients it owns. */
    private final class Loop extends Thread {
        final Selector selector;
        final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
        final List<Client> mine = new ArrayList<>();
        final ByteBuffer in = ByteBuffer.allocate(256 * 1024);
        final ByteBuffer out = ByteBuffer.allocate(64 * 1024);
        final AtomicLong delivered = new AtomicLong();
        final AtomicLong deliveredInWindow = new AtomicLong();
        final AtomicLong gaps = new AtomicLong();
        final AtomicLong outOfOrder = new AtomicLong();
        final Latencies latencies = new Latencies();
        volatile boolean running = true;
        long now;

        Loop(int i) throws IOException {
            super("ws-load-" + i);
            setDaemon(true);
            selector = Selector.open();
        }

        void register(Client c) {
            tasks.add(() -> {
                try {
                    c.channel.register(selector, SelectionKey.OP_CONNECT, c);
                    mine.add(c);
                } catch (IOException e) {
                    fail(c);
                }
            });
            selector.wakeup();
        }

        @Override
        public void run() {
            while (running) {
                try {
                    selector.select(50);
                } catch (IOException e) {
                    return;
                }
                Runnable task;
                while ((task = tasks.poll()) != null) {
                    task.run();
                }
                now = System.nanoTime();
                for (SelectionKey key : selector.selectedKeys()) {
                    Client c = (Client) key.attachment();
                    try {
                        if (key.isValid() && key.isConnectable()) {
                            connected(c, key);
                        } else if (key.isValid() && key.isReadable()) {
                            read(c);
                        }
                    } catch (IOException | RuntimeException e) {
                        fail(c);
                        key.cancel();
                    }
                }
                selector.selectedKeys().clear();
            }
        }

        private void connected(Client c, SelectionKey key) throws IOException {
            c.channel.finishConnect();
            key.interestOps(SelectionKey.OP_READ);
            String request = "GET " + protocol.path + " HTTP/1.1\r\nHost: " + server.getHostString() + ":"
                    + server.getPort() + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
            write(c, ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
            c.state = HANDSHAKE;
        }

        private void read(Client c) throws IOException {
            in.clear();
            if (c.leftover != null) {
                in.put(c.leftover);
                c.leftover = null;
            }
            int n = c.channel.read(in);
            if (n < 0) {
                closed(c);
                return;
            }
            byte[] a = in.array();
            int end = in.position();
            int pos = 0;
            if (c.state == HANDSHAKE) {
                int head = indexOf(a, 0, end, HEAD_END);
                if (head < 0) {
                    c.leftover = java.util.Arrays.copyOf(a, end);
                    return;
                }
                if (!new String(a, 0, 12, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 101")) {
                    throw new IOException("handshake refused");
                }
                pos = head + HEAD_END.length;
                if (protocol == Protocol.PLAIN) {
                    opened(c);
                } else {
                    c.state = ENGINE_OPEN;
                }
            }
            while (pos + 2 <= end) {
                int b0 = a[pos] & 0xff;
                int len = a[pos + 1] & 0x7f;
                int header = 2;
                if (len == 126) {
                    if (pos + 4 > end) {
                        break;
                    }
                    len = ((a[pos + 2] & 0xff) << 8) | (a[pos + 3] & 0xff);
                    header = 4;
                } else if (len == 127) {
                    if (pos + 10 > end) {
                        break;
                    }
                    len = (int) java.nio.ByteBuffer.wrap(a, pos + 2, 8).getLong();
                    header = 10;
                }
                if (pos + header + len > end) {
                    break;
                }
                frame(c, b0 & 0x0f, a, pos + header, pos + header + len);
                pos += header + len;
            }
            if (pos < end) {
                c.leftover = java.util.Arrays.copyOfRange(a, pos, end);
            }
        }

        private void frame(Client c, int opcode, byte[] a, int from, int to) throws IOException {
            switch (opcode) {
                case 0x1 -> text(c, a, from, to);
                case 0x8 -> closed(c);
                case 0x9 -> send(c, 0xA, java.util.Arrays.copyOfRange(a, from, to));
                default -> {
                    // pong, continuation: nothing to do (jobpulse frames are never fragmented)
                }
            }
        }

        private void text(Client c, byte[] a, int from, int to) throws IOException {
            if (protocol == Protocol.PLAIN) {
                // {"type":"job.progress",...} or {"type":"ack",...}
                if (startsWith(a, from, "{\"type\":\"job.")) {
                    push(c, a, from, to);
                } else if (startsWith(a, from, "{\"type\":\"ack\"")) {
                    ack(c);
                }
                return;
            }
            byte t = a[from];
            if (t == '4' && to - from > 1) {
                byte s = a[from + 1];
                if (s == '2') {
                    push(c, a, from, to);
                } else if (s == '3') {
                    ack(c);
                } else if (s == '0' && c.state == NAMESPACE) {
                    opened(c);
                }
            } else if (t == '2') {
                send(c, 0x1, new byte[]{'3'});
            } else if (t == '0' && c.state == ENGINE_OPEN) {
                c.state = NAMESPACE;
                send(c, 0x1, new byte[]{'4', '0'});
            }
        }

        private void push(Client c, byte[] a, int from, int to) {
            int j = indexOf(a, from, to, JOB_ID);
            if (j < 0) {
                return;
            }
            j += JOB_ID.length;
            while (a[j] != '-') {
                j++;
            }
            int job = (int) number(a, j + 1, to);
            int v = indexOf(a, j, to, VERSION);
            long version = number(a, v + VERSION.length, to);
            int m = indexOf(a, j, to, MESSAGE);
            long sentAt = m < 0 ? -1 : number(a, m + MESSAGE.length, to);
            for (int k = 0; k < c.jobs.length; k++) {
                if (c.jobs[k] == job) {
                    long last = c.last[k];
                    if (version <= last && sentAt > 0) {
                        outOfOrder.incrementAndGet();
                    } else if (last > 0 && version > last + 1) {
                        gaps.addAndGet(version - last - 1);
                    }
                    c.last[k] = Math.max(last, version);
                    break;
                }
            }
            if (sentAt > 0) {
                delivered.incrementAndGet();
                if (measuring) {
                    deliveredInWindow.incrementAndGet();
                    synchronized (latencies) {
                        latencies.add(now - sentAt);
                    }
                }
            }
        }

        private void ack(Client c) {
            if (++c.acks == c.jobs.length) {
                subscribed.incrementAndGet();
            }
        }

        private void opened(Client c) {
            c.state = OPEN;
            open.incrementAndGet();
            release(c);
        }

        void subscribeAll() {
            for (Client c : mine) {
                if (c.state != OPEN) {
                    continue;
                }
                try {
                    for (int k = 0; k < c.jobs.length; k++) {
                        String id = prefix + "-" + c.jobs[k];
                        String frame = protocol == Protocol.PLAIN
                                ? "{\"op\":\"subscribe\",\"jobId\":\"" + id + "\",\"id\":" + k + "}"
                                : "42" + k + "[\"subscribe\",{\"jobId\":\"" + id + "\"}]";
                        send(c, 0x1, frame.getBytes(StandardCharsets.UTF_8));
                    }
                } catch (IOException e) {
                    fail(c);
                }
            }
        }

        private void closed(Client c) throws IOException {
            if (c.state == OPEN) {
                closedByServer.incrementAndGet();
            }
            c.state = CLOSED;
            c.channel.close();
            release(c);
        }

        private void fail(Client c) {
            if (c.state != OPEN && c.state != CLOSED) {
                failed.incrementAndGet();
            } else if (c.state == OPEN) {
                closedByServer.incrementAndGet();
            }
            c.state = CLOSED;
            try {
                c.channel.close();
            } catch (IOException e) {
                // gone anyway
            }
            release(c);
        }

        private void release(Client c) {
            if (!c.released) {
                c.released = true;
                connectWindow.release();
            }
        }

        /** One masked client frame (RFC 6455 §5.3). */
        private void send(Client c, int opcode, byte[] payload) throws IOException {
            out.clear();
            out.put((byte) (0x80 | opcode));
            if (payload.length < 126) {
                out.put((byte) (0x80 | payload.length));
            } else {
                out.put((byte) (0x80 | 126)).putShort((short) payload.length);
            }
            out.put(MASK);
            for (int i = 0; i < payload.length; i++) {
                out.put((byte) (payload[i] ^ MASK[i & 3]));
            }
            out.flip();
            write(c, out);
        }

        private void write(Client c, ByteBuffer b) throws IOException {
            int spins = 0;
            while (b.hasRemaining()) {
                if (c.channel.write(b) == 0 && ++spins > 10_000) {
                    throw new IOException("socket not writable");
                }
            }
        }
    }

    private static boolean startsWith(byte[] a, int from, String prefix) {
        if (from + prefix.length() > a.length) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (a[from + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] a, int from, int to, byte[] pattern) {
        outer:
        for (int i = from; i <= to - pattern.length; i++) {
            for (int k = 0; k < pattern.length; k++) {
                if (a[i + k] != pattern[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static long number(byte[] a, int from, int to) {
        long n = 0;
        for (int i = from; i < to && a[i] >= '0' && a[i] <= '9'; i++) {
            n = n * 10 + (a[i] - '0');
        }
        return n;
    }
}
