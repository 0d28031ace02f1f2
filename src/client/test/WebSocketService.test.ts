import { describe, expect, it, vi } from 'vitest';
import { WebSocketService, type WebSocketEventHandlers } from '../src/services/WebSocketService';
import { fakeFetch, fakeIo, job } from './fakeSocket';

function setUp(options: ConstructorParameters<typeof WebSocketService>[0] = {}) {
  const io = fakeIo();
  const states = new Map<string, Record<string, unknown>>();
  const fetch = fakeFetch(states);
  const service = new WebSocketService({ io, fetch, url: 'https://jobs.example.com', ...options });
  const seen: string[] = [];
  const handlers: WebSocketEventHandlers = {
    onConnect: () => seen.push('connect'),
    onDisconnect: (reason) => seen.push(`disconnect ${reason}`),
    onConnectError: (e) => seen.push(`connect_error ${e.message}`),
    onReconnectAttempt: (n) => seen.push(`attempt ${n}`),
    onReconnectFailed: () => seen.push('gave up'),
    onAuthExpired: (m) => seen.push(`auth expired ${m}`),
    onJobProgress: (d) => seen.push(`progress ${d.jobId} v${d.version} ${d.progress}%`),
    onJobCompleted: (d) => seen.push(`completed ${d.jobId} v${d.version}`),
    onJobFailed: (d) => seen.push(`failed ${d.jobId} v${d.version} ${d.error}`),
  };
  service.on(handlers);
  return { io, states, fetch, service, seen };
}

describe('WebSocketService', () => {
  it('connects with the specified defaults: WebSocket only, reconnect after 1 s up to 5 s, 5 attempts', () => {
    const { io, service } = setUp({ url: undefined });
    service.connect();
    expect(io.sockets).toHaveLength(1);
    expect(io.last().url).toBeUndefined(); // socket.io-client then uses the page's origin
    expect(io.last().options).toMatchObject({
      path: '/socket.io/',
      transports: ['websocket'],
      reconnection: true,
      reconnectionDelay: 1000,
      reconnectionDelayMax: 5000,
      reconnectionAttempts: 5,
    });
    service.connect();
    expect(io.sockets).toHaveLength(1); // one connection, however often connect() is called
  });

  it('takes the server, socket path and API base from its options', async () => {
    const { io, service, fetch, states } = setUp({
      url: 'https://jobs.example.com',
      path: '/jobpulse/socket.io/',
      apiBase: 'https://jobs.example.com/jobpulse/',
    });
    service.connect();
    expect(io.last().url).toBe('https://jobs.example.com');
    expect(io.last().options.path).toBe('/jobpulse/socket.io/');
    states.set('a/b', { ...job('a/b', 1), updatedAt: 'now' });
    await service.pollJob('a/b');
    expect(fetch.requests[0].url).toBe('https://jobs.example.com/jobpulse/api/jobs/a%2Fb');
  });

  it('reports connection events, reconnect attempts and giving up to the callbacks', () => {
    const { io, service, seen } = setUp();
    service.connect();
    const socket = io.last();
    socket.accept();
    socket.drop('transport close');
    socket.io.fire('reconnect_attempt', 1);
    socket.fire('connect_error', new Error('websocket error'));
    expect(service.hasGivenUp()).toBe(false);
    socket.io.fire('reconnect_failed');
    expect(service.hasGivenUp()).toBe(true);
    expect(seen).toEqual(['connect', 'disconnect transport close', 'attempt 1', 'connect_error websocket error', 'gave up']);

    service.reconnect();
    expect(socket.connectCalls).toBe(1);
    expect(service.hasGivenUp()).toBe(false);
  });

  it('sends a subscription made before the connection once connected, and resolves with the ack', async () => {
    const { io, service } = setUp();
    const ack = service.subscribeToJobs({ userId: 'alice' });
    service.connect();
    const socket = io.last();
    expect(socket.subscribes()).toEqual([]);
    socket.accept();
    expect(socket.subscribes()).toEqual([{ userId: 'alice' }]);
    socket.sent[0].ack!({ ok: true, upToDate: false, jobs: [] });
    await expect(ack).resolves.toEqual({ ok: true, upToDate: false, jobs: [] });

    const second = service.subscribeToJobs({ jobId: 'j1' });
    expect(socket.subscribes()).toEqual([{ userId: 'alice' }, { jobId: 'j1' }]);
    socket.sent[1].ack!({ ok: false, error: { code: 'forbidden', message: 'no' } });
    await expect(second).resolves.toMatchObject({ ok: false });
  });

  it('never delivers an update older than, or the same as, one already delivered', () => {
    const { io, service, seen } = setUp();
    service.connect();
    const socket = io.last();
    socket.accept();
    socket.push('job:progress', job('j1', 3));
    socket.push('job:progress', job('j1', 2));
    socket.push('job:progress', job('j1', 3));
    socket.push('job:progress', job('j1', 5));
    socket.push('job:progress', job('j2', 1));
    expect(seen.slice(1)).toEqual(['progress j1 v3 30%', 'progress j1 v5 50%', 'progress j2 v1 10%']);
  });

  it('fires the completed or failed callback once per job, and nothing for it afterwards', () => {
    const { io, service, seen } = setUp();
    service.connect();
    const socket = io.last();
    socket.accept();
    socket.push('job:completed', job('j1', 7, { status: 'completed', result: { rows: 3 } }));
    socket.push('job:completed', job('j1', 7, { status: 'completed', result: { rows: 3 } }));
    socket.push('job:progress', job('j1', 8)); // a late progress for a finished job
    socket.push('job:failed', job('j2', 4, { status: 'cancelled', error: 'stopped by the user' }));
    socket.push('job:failed', job('j2', 4, { status: 'cancelled', error: 'stopped by the user' }));
    expect(seen.slice(1)).toEqual(['completed j1 v7', 'failed j2 v4 stopped by the user']);
    expect(service.lastUpdate('j1')).toMatchObject({ status: 'completed', version: 7 });
  });

  it('on reconnect subscribes again with the versions it holds, so the server sends only what moved', () => {
    const { io, service } = setUp();
    service.connect();
    const socket = io.last();
    service.subscribeToJobs({ userId: 'alice' });
    service.subscribeToJobs({ jobId: 'j9' });
    service.subscribeToJobs({ jobId: 'never-seen' });
    socket.accept();
    socket.push('job:progress', job('j1', 4));
    socket.push('job:progress', job('j2', 2, { userId: 'bob' }));
    socket.push('job:progress', job('j9', 6));
    socket.drop();
    socket.accept();
    expect(socket.subscribes().slice(3)).toEqual([
      { userId: 'alice', versions: { j1: 4, j9: 6 } },
      { jobId: 'j9', afterVersion: 6 },
      { jobId: 'never-seen' },
    ]);
  });

  it('stops subscribing again after unsubscribe', () => {
    const { io, service } = setUp();
    service.connect();
    const socket = io.last();
    socket.accept();
    service.subscribeToJobs({ jobId: 'j1' });
    service.unsubscribeFromJobs({ jobId: 'j1' });
    expect(socket.sent.map((s) => s.event)).toEqual(['subscribe', 'unsubscribe']);
    socket.drop();
    socket.accept();
    expect(socket.subscribes()).toEqual([{ jobId: 'j1' }]);
  });

  it('delivers polled states through the same version gate as socket updates', async () => {
    const { io, service, states, fetch, seen } = setUp();
    service.connect();
    const socket = io.last();
    socket.accept();
    socket.push('job:progress', job('j1', 2));
    states.set('j1', { ...job('j1', 5), updatedAt: '2026-12-01T10:00:05Z' });

    await expect(service.pollJob('j1')).resolves.toMatchObject({ version: 5 });
    expect(fetch.requests[0].headers['If-None-Match']).toBe('"2"');
    socket.push('job:progress', job('j1', 4)); // arrives late over the socket: older than the poll
    await expect(service.pollJob('j1')).resolves.toBeNull(); // 304: nothing newer
    expect(fetch.requests[1].headers['If-None-Match']).toBe('"5"');
    expect(seen.slice(1)).toEqual(['progress j1 v2 20%', 'progress j1 v5 50%']);
    expect(service.lastUpdate('j1')).toMatchObject({ timestamp: '2026-12-01T10:00:05Z' });

    states.set('j1', { ...job('j1', 9, { status: 'completed', progress: 100, result: {} }), updatedAt: 'later' });
    await service.pollJob('j1');
    socket.push('job:completed', job('j1', 9, { status: 'completed' }));
    expect(seen.filter((s) => s.startsWith('completed'))).toEqual(['completed j1 v9']);
  });

  it('answers null for an unknown job and rejects when the server refuses', async () => {
    const { service } = setUp();
    await expect(service.pollJob('nope')).resolves.toBeNull();
    const refusing = new WebSocketService({
      url: 'https://jobs.example.com',
      fetch: (async () => new Response('', { status: 503 })) as typeof fetch,
    });
    await expect(refusing.pollJob('j1')).rejects.toThrow('answered 503');
  });

  it('sends the token as auth.token and as a bearer header, asking a token function every time', async () => {
    let issued = 0;
    const { io, service, states, fetch } = setUp({ token: () => `token-${++issued}` });
    service.connect();
    await expect(io.last().authPayload()).resolves.toEqual({ token: 'token-1' });
    await expect(io.last().authPayload()).resolves.toEqual({ token: 'token-2' });
    states.set('j1', { ...job('j1', 1), updatedAt: 'x' });
    await service.pollJob('j1');
    expect(fetch.requests[0].headers.Authorization).toBe('Bearer token-3');

    const plain = setUp({ token: 'fixed' });
    plain.service.connect();
    await expect(plain.io.last().authPayload()).resolves.toEqual({ token: 'fixed' });
    const none = setUp();
    none.service.connect();
    await expect(none.io.last().authPayload()).resolves.toEqual({});
  });

  it('when the token expires, reports it and reconnects with a fresh token', async () => {
    let issued = 0;
    const { io, service, seen } = setUp({ token: async () => `token-${++issued}` });
    service.connect();
    const socket = io.last();
    socket.accept();
    socket.push('auth:expired', { message: 'token expired; reconnect with a fresh token' });
    socket.drop('transport close'); // the 4401 close: socket.io-client reconnects by itself
    await expect(socket.authPayload()).resolves.toEqual({ token: 'token-1' });
    expect(seen).toContain('auth expired token expired; reconnect with a fresh token');

    // A refused CONNECT (the token expired before it got there) is retried once with a new token.
    socket.refuse('token expired');
    expect(socket.connectCalls).toBe(1);
    socket.refuse('token expired');
    expect(socket.connectCalls).toBe(1);
    socket.accept();
    socket.drop();
    socket.refuse('token expired');
    expect(socket.connectCalls).toBe(2);
  });

  it('stays connected while a hook holds it, and closes when the last holder lets go', () => {
    const { io, service } = setUp();
    const releaseA = service.retain();
    const releaseB = service.retain();
    const socket = io.last();
    releaseA();
    releaseA();
    expect(socket.disconnected).toBe(false);
    service.connect();
    releaseB();
    expect(socket.disconnected).toBe(false); // connect() still wants it
    service.disconnect();
    expect(socket.disconnected).toBe(true);
    service.connect();
    expect(io.sockets).toHaveLength(2);
  });

  it('keeps other callbacks going when one throws, and removes callbacks with the returned function', () => {
    const { io, service, seen } = setUp();
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const off = service.on({
      onJobProgress: () => {
        throw new Error('broken view');
      },
    });
    service.connect();
    io.last().accept();
    io.last().push('job:progress', job('j1', 1));
    off();
    io.last().push('job:progress', job('j1', 2));
    expect(seen.slice(1)).toEqual(['progress j1 v1 10%', 'progress j1 v2 20%']);
    expect(console.error).toHaveBeenCalledTimes(1);
  });
});
