import type { Socket } from 'socket.io-client';
import type { SocketFactory } from '../src/services/WebSocketService';

type Listener = (...args: any[]) => void;

class Emitter {
  private readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  removeAllListeners(): this {
    this.listeners.clear();
    return this;
  }
  fire(event: string, ...args: unknown[]): void {
    for (const l of this.listeners.get(event) ?? []) l(...args);
  }
}

/** What the service sent: an event name, its payload and the ack callback it passed. */
export interface Sent {
  event: string;
  payload: any;
  ack?: (reply: unknown) => void;
}

/**
 * Stands in for socket.io-client's Socket at the service's boundary: the test plays the server
 * (connect, push events, drop the connection) and reads what the service sent.
 */
export class FakeSocket extends Emitter {
  connected = false;
  active = false;
  connectCalls = 0;
  disconnected = false;
  readonly sent: Sent[] = [];
  readonly io = new Emitter();

  constructor(
    readonly url: string | undefined,
    readonly options: Record<string, any>,
  ) {
    super();
    this.active = true;
  }

  emit(event: string, payload?: unknown, ack?: (reply: unknown) => void): this {
    this.sent.push({ event, payload, ack });
    return this;
  }

  connect(): this {
    this.connectCalls++;
    this.active = true;
    return this;
  }

  disconnect(): this {
    this.disconnected = true;
    this.connected = false;
    this.active = false;
    return this;
  }

  /** The server accepts the connection. */
  accept(): void {
    this.connected = true;
    this.fire('connect');
  }

  /** The connection drops; socket.io-client will try again (active stays true). */
  drop(reason = 'transport close'): void {
    this.connected = false;
    this.fire('disconnect', reason);
  }

  /** The server refuses the namespace CONNECT (e.g. a bad token): no automatic retry. */
  refuse(message: string): void {
    this.connected = false;
    this.active = false;
    this.fire('connect_error', new Error(message));
  }

  push(event: string, data: unknown): void {
    this.fire(event, data);
  }

  /** The subscribe requests sent so far. */
  subscribes(): any[] {
    return this.sent.filter((s) => s.event === 'subscribe').map((s) => s.payload);
  }

  /** What the auth callback hands to the server on the next CONNECT. */
  authPayload(): Promise<object> {
    return new Promise((resolve) => this.options.auth(resolve));
  }
}

/** A factory that records every socket it made. */
export function fakeIo(): SocketFactory & { sockets: FakeSocket[]; last(): FakeSocket } {
  const sockets: FakeSocket[] = [];
  const factory = ((url: string | undefined, options: Record<string, any>) => {
    const socket = new FakeSocket(url, options);
    sockets.push(socket);
    return socket as unknown as Socket;
  }) as SocketFactory & { sockets: FakeSocket[]; last(): FakeSocket };
  factory.sockets = sockets;
  factory.last = () => sockets[sockets.length - 1];
  return factory;
}

export function job(jobId: string, version: number, fields: Record<string, unknown> = {}) {
  return {
    jobId,
    userId: 'alice',
    type: 'import',
    status: 'running',
    progress: version * 10,
    timestamp: `2026-12-01T10:00:0${version}Z`,
    version,
    ...fields,
  };
}

/** A fetch that answers GET api/jobs/{id} from `states` (what the server holds right now) and records requests. */
export function fakeFetch(states: Map<string, Record<string, unknown>>) {
  const requests: Array<{ url: string; headers: Record<string, string> }> = [];
  const impl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = String(input);
    const headers = (init?.headers ?? {}) as Record<string, string>;
    requests.push({ url, headers });
    const id = decodeURIComponent(url.substring(url.lastIndexOf('/') + 1));
    const state = states.get(id);
    if (!state) return new Response('{"status":404}', { status: 404 });
    if (headers['If-None-Match'] === `"${state.version}"`) return new Response(null, { status: 304 });
    return new Response(JSON.stringify(state), { status: 200, headers: { ETag: `"${state.version}"` } });
  };
  return Object.assign(impl as typeof fetch, { requests });
}
