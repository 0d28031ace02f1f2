import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import {
  isTerminal,
  type JobCompletedData,
  type JobErrorData,
  type JobProgressData,
  type JobState,
  type JobSubscription,
  type SubscribeAck,
  type TokenSource,
} from '../types.js';

export type {
  JobCompletedData,
  JobErrorData,
  JobProgressData,
  JobState,
  JobSubscription,
  SubscribeAck,
  TokenSource,
} from '../types.js';

/** Creates the socket; the service passes its resolved options. Tests give a fake. */
export type SocketFactory = (url: string | undefined, options: Partial<ManagerOptions & SocketOptions>) => Socket;

export interface WebSocketServiceOptions {
  /** The jobpulse server, e.g. "https://jobs.example.com". Default: the page's own origin. */
  url?: string;
  /** Where the server answers Socket.IO. Default "/socket.io/" (a server at context root "/"). */
  path?: string;
  /** Base of the HTTP API used by polling (`api/jobs/{id}` is resolved against it). Default: `url`, else the page. */
  apiBase?: string;
  /** Bearer token: sent as Socket.IO `auth.token` and as `Authorization` on polls. A function is asked anew each time. */
  token?: TokenSource;
  transports?: string[];
  reconnection?: boolean;
  reconnectionDelay?: number;
  reconnectionDelayMax?: number;
  reconnectionAttempts?: number;
  /** The socket factory (default: socket.io-client's `io`). */
  io?: SocketFactory;
  /** The fetch used by polling (default: the global one). */
  fetch?: typeof fetch;
}

export interface WebSocketEventHandlers {
  onConnect?: () => void;
  /** The socket dropped; `reason` is socket.io-client's ("transport close", "io server disconnect", ...). */
  onDisconnect?: (reason: string) => void;
  /** A connect or reconnect attempt failed (refused, unreachable, or the server rejected the token). */
  onConnectError?: (error: Error) => void;
  onReconnectAttempt?: (attempt: number) => void;
  /** Every reconnect attempt failed: the socket stays down until `reconnect()` or `connect()`. */
  onReconnectFailed?: () => void;
  /** The server says the token expired; the service reconnects with a fresh one from `token`. */
  onAuthExpired?: (message: string) => void;
  onJobProgress?: (data: JobProgressData) => void;
  onJobCompleted?: (data: JobCompletedData) => void;
  onJobFailed?: (data: JobErrorData) => void;
}

type JobPayload = JobProgressData | JobCompletedData | JobErrorData;

/** The server accepts at most this many entries in a resume's `versions`. */
const MAX_RESUME_VERSIONS = 1000;

const DEFAULTS = {
  path: '/socket.io/',
  transports: ['websocket'],
  reconnection: true,
  reconnectionDelay: 1000,
  reconnectionDelayMax: 5000,
  reconnectionAttempts: 5,
};

/**
 * One Socket.IO connection to jobpulse, shared by everything on the page. It keeps the
 * subscriptions and the newest version of every job it has seen, so that updates arriving over the
 * socket and by polling pass one ordering gate: an update not newer than what was already delivered
 * is dropped, and a job's completed/failed callback fires once. On every (re)connect it subscribes
 * again with the versions it holds, so the server sends only what moved meanwhile.
 */
export class WebSocketService {
  private options: WebSocketServiceOptions;
  private socket: Socket | null = null;
  private readonly handlers = new Set<WebSocketEventHandlers>();
  private readonly subscriptions = new Map<string, JobSubscription>();
  private readonly pendingAcks = new Map<string, Array<(ack: SubscribeAck) => void>>();
  private readonly versions = new Map<string, number>();
  private readonly owners = new Map<string, string>();
  private readonly latest = new Map<string, JobPayload>();
  private readonly finished = new Set<string>();
  /** connect() was called and disconnect() not since. */
  private explicit = false;
  /** Hooks holding the connection open (retain()). */
  private holders = 0;
  private gaveUp = false;
  private authRetried = false;

  constructor(options: WebSocketServiceOptions = {}) {
    this.options = options;
  }

  /** Changes the options; they apply from the next connect (call before connect(), or disconnect first). */
  configure(options: WebSocketServiceOptions): void {
    this.options = { ...this.options, ...options };
  }

  connect(): void {
    this.explicit = true;
    this.open();
  }

  /** Closes the socket, unless a mounted hook still holds it. Subscriptions are kept for the next connect. */
  disconnect(): void {
    this.explicit = false;
    if (this.holders === 0) {
      this.close();
    }
  }

  /** Keeps the socket open until the returned function is called (what the hook uses). */
  retain(): () => void {
    this.holders++;
    this.open();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holders--;
      if (this.holders === 0 && !this.explicit) {
        this.close();
      }
    };
  }

  /** After the reconnect attempts ran out: tries again (with the same backoff). */
  reconnect(): void {
    if (this.socket && !this.socket.connected) {
      this.gaveUp = false;
      this.socket.connect();
    }
  }

  isConnected(): boolean {
    return this.socket?.connected ?? false;
  }

  /** True once every reconnect attempt failed, until the next successful connect or reconnect(). */
  hasGivenUp(): boolean {
    return this.gaveUp;
  }

  /** Registers callbacks; returns a function that removes them again. */
  on(handlers: WebSocketEventHandlers): () => void {
    this.handlers.add(handlers);
    return () => this.off(handlers);
  }

  off(handlers: WebSocketEventHandlers): void {
    this.handlers.delete(handlers);
  }

  /**
   * Follows a user's jobs or one job, now and after every reconnect. The server answers with the
   * current state of every matching job, so subscribing after the job started misses nothing. The
   * promise resolves with the server's ack (when not connected yet: with the ack of the next connect).
   */
  subscribeToJobs(filter: JobSubscription): Promise<SubscribeAck> {
    const key = keyOf(filter);
    this.subscriptions.set(key, filter);
    return new Promise((resolve) => {
      if (this.socket?.connected) {
        this.socket.emit('subscribe', this.resumeFrom(filter), resolve);
      } else {
        this.pendingAcks.set(key, [...(this.pendingAcks.get(key) ?? []), resolve]);
      }
    });
  }

  unsubscribeFromJobs(filter: JobSubscription): Promise<SubscribeAck> {
    const key = keyOf(filter);
    this.subscriptions.delete(key);
    this.pendingAcks.delete(key);
    return new Promise((resolve) => {
      if (this.socket?.connected) {
        this.socket.emit('unsubscribe', filter, resolve);
      } else {
        resolve({ ok: true, jobs: [] });
      }
    });
  }

  /** The newest update delivered for a job (socket or poll), if any. */
  lastUpdate(jobId: string): JobProgressData | JobCompletedData | JobErrorData | undefined {
    return this.latest.get(jobId);
  }

  /**
   * Reads a job over HTTP (`GET api/jobs/{jobId}`, conditional on the version held) and delivers it
   * through the same gate as socket updates. Resolves with the state, or null when the server has
   * nothing newer or no such job; rejects when the server cannot be reached or refuses.
   */
  async pollJob(jobId: string): Promise<JobState | null> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    const token = await this.resolveToken();
    if (token) headers.Authorization = `Bearer ${token}`;
    const held = this.versions.get(jobId);
    if (held !== undefined) headers['If-None-Match'] = `"${held}"`;
    const doFetch = this.options.fetch ?? globalThis.fetch;
    const response = await doFetch(this.apiUrl(`api/jobs/${encodeURIComponent(jobId)}`), { headers });
    if (response.status === 304 || response.status === 404) return null;
    if (!response.ok) throw new Error(`GET api/jobs/${jobId} answered ${response.status}`);
    const state = (await response.json()) as JobState;
    this.accept({ ...state, timestamp: state.updatedAt } as JobPayload);
    return state;
  }

  private open(): void {
    if (this.socket) {
      if (!this.socket.connected && !this.socket.active) this.socket.connect();
      return;
    }
    const o = this.options;
    const create = o.io ?? io;
    const socket = create(o.url, {
      path: o.path ?? DEFAULTS.path,
      transports: o.transports ?? DEFAULTS.transports,
      reconnection: o.reconnection ?? DEFAULTS.reconnection,
      reconnectionDelay: o.reconnectionDelay ?? DEFAULTS.reconnectionDelay,
      reconnectionDelayMax: o.reconnectionDelayMax ?? DEFAULTS.reconnectionDelayMax,
      reconnectionAttempts: o.reconnectionAttempts ?? DEFAULTS.reconnectionAttempts,
      // Asked before every (re)connect, so a reconnect after expiry carries a fresh token.
      auth: (cb: (data: object) => void) => {
        this.resolveToken().then(
          (token) => cb(token ? { token } : {}),
          () => cb({}),
        );
      },
    });
    this.socket = socket;

    socket.on('connect', () => {
      this.gaveUp = false;
      this.authRetried = false;
      for (const [key, filter] of this.subscriptions) {
        const waiting = this.pendingAcks.get(key) ?? [];
        this.pendingAcks.delete(key);
        socket.emit('subscribe', this.resumeFrom(filter), (ack: SubscribeAck) => waiting.forEach((w) => w(ack)));
      }
      this.dispatch((h) => h.onConnect?.());
    });
    socket.on('disconnect', (reason: string) => this.dispatch((h) => h.onDisconnect?.(reason)));
    socket.on('connect_error', (error: Error) => {
      this.dispatch((h) => h.onConnectError?.(error));
      // The server refused the CONNECT (e.g. an expired token): socket.io-client does not retry that
      // by itself. With a token function, one more try carries a fresh token.
      if (!socket.active && typeof this.options.token === 'function' && !this.authRetried) {
        this.authRetried = true;
        socket.connect();
      }
    });
    socket.io.on('reconnect_attempt', (attempt: number) => this.dispatch((h) => h.onReconnectAttempt?.(attempt)));
    socket.io.on('reconnect_failed', () => {
      this.gaveUp = true;
      this.dispatch((h) => h.onReconnectFailed?.());
    });
    // The server closes with 4401 right after this, without a Socket.IO disconnect, so the client
    // reconnects by itself and the auth callback above fetches the fresh token.
    socket.on('auth:expired', (body: { message?: string } | undefined) =>
      this.dispatch((h) => h.onAuthExpired?.(body?.message ?? 'token expired')),
    );
    socket.on('job:progress', (data: JobProgressData) => this.accept(data));
    socket.on('job:completed', (data: JobCompletedData) => this.accept(data));
    socket.on('job:failed', (data: JobErrorData) => this.accept(data));
  }

  private close(): void {
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.removeAllListeners();
      socket.io.removeAllListeners();
      socket.disconnect();
    }
    this.gaveUp = false;
  }

  /** The ordering gate: delivers an update only if it is newer than everything delivered for its job. */
  private accept(data: JobPayload): void {
    if (this.finished.has(data.jobId)) return;
    if (typeof data.version === 'number') {
      const held = this.versions.get(data.jobId);
      if (held !== undefined && data.version <= held) return;
      this.versions.set(data.jobId, data.version);
    }
    if (data.userId) this.owners.set(data.jobId, data.userId);
    this.latest.set(data.jobId, data);
    if (data.status === 'completed') {
      this.finished.add(data.jobId);
      this.dispatch((h) => h.onJobCompleted?.(data as JobCompletedData));
    } else if (isTerminal(data.status)) {
      this.finished.add(data.jobId);
      this.dispatch((h) => h.onJobFailed?.(data as JobErrorData));
    } else {
      this.dispatch((h) => h.onJobProgress?.(data as JobProgressData));
    }
  }

  /** The subscribe request with what this client already has, so the server sends only newer states. */
  private resumeFrom(filter: JobSubscription): Record<string, unknown> {
    if (filter.jobId !== undefined) {
      const held = this.versions.get(filter.jobId);
      return held === undefined ? { jobId: filter.jobId } : { jobId: filter.jobId, afterVersion: held };
    }
    const versions: Record<string, number> = {};
    let count = 0;
    for (const [jobId, owner] of this.owners) {
      const version = this.versions.get(jobId);
      if (owner === filter.userId && version !== undefined && count < MAX_RESUME_VERSIONS) {
        versions[jobId] = version;
        count++;
      }
    }
    return count === 0 ? { userId: filter.userId } : { userId: filter.userId, versions };
  }

  private dispatch(call: (handlers: WebSocketEventHandlers) => void): void {
    for (const h of [...this.handlers]) {
      try {
        call(h);
      } catch (error) {
        // One failing callback must not keep the others from their update.
        console.error('jobpulse: a callback threw', error);
      }
    }
  }

  private async resolveToken(): Promise<string | undefined> {
    const token = this.options.token;
    const value = typeof token === 'function' ? await token() : token;
    return value ?? undefined;
  }

  private apiUrl(path: string): string {
    const base = this.options.apiBase ?? this.options.url;
    const page = typeof location === 'undefined' ? undefined : location.href;
    const root = base === undefined ? new URL('/', page) : new URL(base, page);
    return new URL(path, root.href.endsWith('/') ? root.href : `${root.href}/`).toString();
  }
}

function keyOf(filter: JobSubscription): string {
  return filter.jobId !== undefined ? `job:${filter.jobId}` : `user:${filter.userId}`;
}

/** The page's shared connection. Nothing connects until connect() (or a mounted hook) asks. */
export const webSocketService = new WebSocketService();
