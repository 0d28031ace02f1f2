// The page's WebSocket to /ws/jobs, with the reconnect policy of a typical socket.io-client frontend
// (delay 1000 ms doubling to at most 5000 ms, 5 attempts). After the last failed attempt it stays
// down until reconnectNow() is called; the page polls meanwhile (see app.js).

export const RECONNECT = Object.freeze({ firstDelayMs: 1000, maxDelayMs: 5000, attempts: 5 });

/** 1008: the server says this client broke a rule; reconnecting the same way would fail again. */
const POLICY_VIOLATION = 1008;

/**
 * States reported to onState(state, detail):
 *   'connecting'   first connection attempt
 *   'connected'    socket open; onOpen has run (the caller subscribed)
 *   'reconnecting' socket down, attempt detail.attempt of RECONNECT.attempts in detail.delayMs
 *   'offline'      gave up (detail.reason); only reconnectNow() tries again
 */
export class LiveSocket {

    constructor(url, { onState, onOpen, onFrame }) {
        this.url = url;
        this.onState = onState;
        this.onOpen = onOpen;
        this.onFrame = onFrame;
        this.socket = null;
        this.attempts = 0; // reconnect attempts since the socket was last open
        this.timer = null;
    }

    /** The URL of the endpoint relative to the page, so any context root works. */
    static endpoint(path) {
        const url = new URL(path, location.href);
        url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
        return url.href;
    }

    get open() {
        return this.socket !== null && this.socket.readyState === WebSocket.OPEN;
    }

    start() {
        this.onState('connecting', {});
        this.connect();
    }

    /** The "Reconnect" button: a fresh round of attempts, starting now. */
    reconnectNow() {
        clearTimeout(this.timer);
        this.attempts = 0;
        this.onState('connecting', {});
        this.connect();
    }

    /** Sends one request; false when the socket is not open (the caller relies on polling then). */
    send(request) {
        if (!this.open) {
            return false;
        }
        this.socket.send(JSON.stringify(request));
        return true;
    }

    connect() {
        const socket = new WebSocket(this.url);
        this.socket = socket;
        socket.onopen = () => {
            this.attempts = 0;
            this.onOpen();
            this.onState('connected', {});
        };
        socket.onmessage = (e) => {
            let frame;
            try {
                frame = JSON.parse(e.data);
            } catch {
                return; // not ours to fix; the protocol only sends JSON objects
            }
            this.onFrame(frame);
        };
        // A refused handshake fires 'error' and then 'close' (code 1006); 'close' alone decides.
        socket.onclose = (e) => {
            if (this.socket === socket) {
                this.closed(e.code);
            }
        };
    }

    closed(code) {
        this.socket = null;
        if (code === POLICY_VIOLATION) {
            this.onState('offline', { reason: 'the server refused this client (close code 1008)' });
            return;
        }
        if (this.attempts >= RECONNECT.attempts) {
            this.onState('offline', { reason: `no connection after ${RECONNECT.attempts} attempts` });
            return;
        }
        const delayMs = Math.min(RECONNECT.firstDelayMs * 2 ** this.attempts, RECONNECT.maxDelayMs);
        this.attempts++;
        this.onState('reconnecting', { attempt: this.attempts, delayMs });
        this.timer = setTimeout(() => this.connect(), delayMs);
    }
}
