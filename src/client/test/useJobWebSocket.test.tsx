import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useJobWebSocket, type UseJobWebSocketOptions } from '../src/hooks/useJobWebSocket';
import { WebSocketService } from '../src/services/WebSocketService';
import { fakeFetch, fakeIo, job } from './fakeSocket';

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

function setUp(options: UseJobWebSocketOptions = {}) {
  const io = fakeIo();
  const states = new Map<string, Record<string, unknown>>();
  const fetch = fakeFetch(states);
  const service = new WebSocketService({ io, fetch, url: 'https://jobs.example.com' });
  const queryClient = new QueryClient();
  const invalidate = vi.spyOn(queryClient, 'invalidateQueries');
  const onJobCompleted = vi.fn();
  const onJobFailed = vi.fn();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
  );
  const hook = renderHook(
    (props: UseJobWebSocketOptions) => useJobWebSocket({ service, onJobCompleted, onJobFailed, ...props }),
    { wrapper, initialProps: options },
  );
  const socket = () => io.last();
  const server = (fn: () => void) => act(fn);
  const setState = (state: Record<string, unknown>) =>
    states.set(state.jobId as string, { ...state, updatedAt: state.timestamp });
  const elapse = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));
  /** Connected, tracking a job at version 1, then the socket drops and the first poll ran. */
  const trackThenLoseSocket = async (jobId: string) => {
    server(() => socket().accept());
    act(() => hook.result.current.trackJob(jobId));
    setState(job(jobId, 1));
    server(() => socket().drop());
    await elapse(0);
  };
  return {
    io, socket, server, states, setState, fetch, service, hook, invalidate, onJobCompleted, onJobFailed, elapse,
    trackThenLoseSocket,
  };
}

describe('useJobWebSocket', () => {
  it('connects when enabled and shows the connection state', () => {
    const t = setUp({ enabled: true });
    expect(t.io.sockets).toHaveLength(1);
    expect(t.hook.result.current.isConnected).toBe(false);
    t.server(() => t.socket().accept());
    expect(t.hook.result.current.isConnected).toBe(true);
    t.server(() => t.socket().drop());
    expect(t.hook.result.current.isConnected).toBe(false);
    expect(t.hook.result.current.usingPolling).toBe(false); // nothing tracked: nothing to poll
  });

  it('does not connect while disabled', () => {
    const t = setUp({ enabled: false });
    expect(t.io.sockets).toHaveLength(0);
    t.hook.rerender({ enabled: true });
    expect(t.io.sockets).toHaveLength(1);
  });

  it('follows the tracked job and subscribes to the user', () => {
    const t = setUp({ userId: 'alice' });
    t.server(() => t.socket().accept());
    act(() => t.hook.result.current.trackJob('j1'));
    expect(t.socket().subscribes()).toEqual([{ userId: 'alice' }, { jobId: 'j1' }]);
    t.server(() => t.socket().push('job:progress', job('j1', 2, { message: 'Parsing' })));
    expect(t.hook.result.current.jobProgress).toMatchObject({ jobId: 'j1', progress: 20, message: 'Parsing' });
    t.server(() => t.socket().push('job:progress', job('j1', 1)));
    expect(t.hook.result.current.jobProgress?.progress).toBe(20); // an older state never shows
    t.server(() => t.socket().push('job:progress', job('other', 3)));
    expect(t.hook.result.current.jobProgress?.jobId).toBe('j1');
    expect(t.hook.result.current.trackedJobId).toBe('j1');
  });

  it('polls every 3 s while the socket is down, then switches back to the socket', async () => {
    const t = setUp();
    t.server(() => t.socket().accept());
    act(() => t.hook.result.current.trackJob('j1'));
    t.server(() => t.socket().push('job:progress', job('j1', 1)));
    t.setState(job('j1', 2));

    t.server(() => t.socket().drop());
    expect(t.hook.result.current.usingPolling).toBe(true);
    await t.elapse(0);
    expect(t.fetch.requests).toHaveLength(1); // at once
    expect(t.hook.result.current.jobProgress?.progress).toBe(20);

    t.setState(job('j1', 4));
    await t.elapse(2999);
    expect(t.fetch.requests).toHaveLength(1);
    await t.elapse(1);
    expect(t.fetch.requests).toHaveLength(2);
    expect(t.hook.result.current.jobProgress?.progress).toBe(40);
    await t.elapse(3000);
    expect(t.fetch.requests).toHaveLength(3); // 304: nothing new
    expect(t.hook.result.current.jobProgress?.progress).toBe(40);

    t.server(() => t.socket().accept());
    expect(t.hook.result.current.usingPolling).toBe(false);
    expect(t.socket().subscribes().at(-1)).toEqual({ jobId: 'j1', afterVersion: 4 });
    await t.elapse(10_000);
    expect(t.fetch.requests).toHaveLength(3);
    t.server(() => t.socket().push('job:progress', job('j1', 5)));
    expect(t.hook.result.current.jobProgress?.progress).toBe(50);
  });

  it('also polls when the socket cannot connect at all', async () => {
    const t = setUp();
    act(() => t.hook.result.current.trackJob('j1'));
    t.setState(job('j1', 3));
    t.server(() => t.socket().fire('connect_error', new Error('websocket error')));
    await t.elapse(0);
    expect(t.hook.result.current.usingPolling).toBe(true);
    expect(t.hook.result.current.jobProgress?.progress).toBe(30);
  });

  it('polls until the job completes, then calls back once and invalidates the queries', async () => {
    const t = setUp();
    t.server(() => t.socket().accept());
    act(() => t.hook.result.current.trackJob('j1'));
    t.server(() => t.socket().drop());
    t.setState(job('j1', 6, { status: 'completed', progress: 100, result: { rows: 3 } }));
    await t.elapse(0);

    expect(t.onJobCompleted).toHaveBeenCalledTimes(1);
    expect(t.onJobCompleted.mock.calls[0][0]).toMatchObject({ jobId: 'j1', result: { rows: 3 } });
    expect(t.invalidate).toHaveBeenCalledTimes(1);
    expect(t.hook.result.current.usingPolling).toBe(false);
    expect(t.hook.result.current.jobResult?.result).toEqual({ rows: 3 });
    expect(t.hook.result.current.jobProgress).toMatchObject({ status: 'completed', progress: 100 });
    await t.elapse(9000);
    expect(t.fetch.requests).toHaveLength(1);

    // Back on the socket, the server's snapshot of the finished job repeats nothing.
    t.server(() => t.socket().accept());
    t.server(() => t.socket().push('job:completed', job('j1', 6, { status: 'completed', result: { rows: 3 } })));
    expect(t.onJobCompleted).toHaveBeenCalledTimes(1);
    expect(t.invalidate).toHaveBeenCalledTimes(1);
  });

  it('reports a failure once, with the error and the last progress', () => {
    const t = setUp();
    t.server(() => t.socket().accept());
    act(() => t.hook.result.current.trackJob('j1'));
    t.server(() => t.socket().push('job:progress', job('j1', 3)));
    t.server(() => t.socket().push('job:failed', job('j1', 4, { status: 'failed', error: 'Disk full', progress: undefined })));
    t.server(() => t.socket().push('job:failed', job('j1', 4, { status: 'failed', error: 'Disk full' })));
    expect(t.onJobFailed).toHaveBeenCalledTimes(1);
    expect(t.onJobCompleted).not.toHaveBeenCalled();
    expect(t.invalidate).not.toHaveBeenCalled();
    expect(t.hook.result.current.jobError?.error).toBe('Disk full');
    expect(t.hook.result.current.jobProgress).toMatchObject({ status: 'failed', progress: 30 });
  });

  it('calls back for jobs of the user it saw running, not for ones already finished when it subscribed', () => {
    const t = setUp({ userId: 'alice' });
    t.server(() => t.socket().accept());
    t.server(() => t.socket().push('job:completed', job('old', 9, { status: 'completed' })));
    t.server(() => t.socket().push('job:progress', job('new', 1)));
    t.server(() => t.socket().push('job:completed', job('new', 2, { status: 'completed' })));
    expect(t.onJobCompleted).toHaveBeenCalledTimes(1);
    expect(t.onJobCompleted.mock.calls[0][0].jobId).toBe('new');
  });

  it('shows a job that finished before it was tracked, without calling back for it again', () => {
    const t = setUp({ userId: 'alice' });
    t.server(() => t.socket().accept());
    t.server(() => t.socket().push('job:progress', job('j1', 1)));
    t.server(() => t.socket().push('job:completed', job('j1', 2, { status: 'completed', result: 'ok' })));
    expect(t.onJobCompleted).toHaveBeenCalledTimes(1);
    act(() => t.hook.result.current.trackJob('j1'));
    expect(t.hook.result.current.jobResult?.result).toBe('ok');
    expect(t.hook.result.current.jobProgress).toMatchObject({ jobId: 'j1', status: 'completed' });
    expect(t.onJobCompleted).toHaveBeenCalledTimes(1);
  });

  it('stopTracking ends tracking and polling', async () => {
    const t = setUp();
    await t.trackThenLoseSocket('j1');
    act(() => t.hook.result.current.stopTracking());
    expect(t.hook.result.current).toMatchObject({ jobProgress: null, trackedJobId: null, usingPolling: false });
    await t.elapse(9000);
    expect(t.fetch.requests).toHaveLength(1);
    t.server(() => t.socket().accept());
    expect(t.socket().subscribes().filter((s) => s.jobId === 'j1')).toHaveLength(1); // not again
  });

  it('a new trackJob replaces the job followed before', () => {
    const t = setUp();
    t.server(() => t.socket().accept());
    act(() => t.hook.result.current.trackJob('j1'));
    act(() => t.hook.result.current.trackJob('j2'));
    expect(t.socket().sent.map((s) => `${s.event} ${s.payload.jobId}`)).toEqual([
      'subscribe j1',
      'unsubscribe j1',
      'subscribe j2',
    ]);
  });

  it('cleans up on unmount: no callbacks, no polling, the job unsubscribed and the socket closed', async () => {
    const t = setUp();
    await t.trackThenLoseSocket('j1');
    t.server(() => t.socket().accept());
    const polls = t.fetch.requests.length;
    const socket = t.socket();
    t.hook.unmount();
    expect(socket.sent.at(-1)).toMatchObject({ event: 'unsubscribe', payload: { jobId: 'j1' } });
    expect(socket.disconnected).toBe(true);
    socket.push('job:completed', job('j1', 2, { status: 'completed' }));
    expect(t.onJobCompleted).not.toHaveBeenCalled();
    await t.elapse(10_000);
    expect(t.fetch.requests).toHaveLength(polls);
    t.service.connect();
    t.socket().accept();
    expect(t.socket().subscribes()).toEqual([]); // the service no longer holds the job's subscription
  });

  it('after the reconnect attempts ran out, a successful poll brings the socket back', async () => {
    const t = setUp();
    t.server(() => t.socket().accept());
    act(() => t.hook.result.current.trackJob('j1'));
    t.setState(job('j1', 1));
    t.server(() => t.socket().drop());
    t.server(() => t.socket().io.fire('reconnect_failed'));
    const before = t.socket().connectCalls;
    await t.elapse(0);
    expect(t.socket().connectCalls).toBe(before + 1);
  });

  it('invalidates only the given query keys when told so', async () => {
    const t = setUp({ invalidateQueries: [['notes'], ['jobs', 'alice']] });
    t.server(() => t.socket().accept());
    act(() => t.hook.result.current.trackJob('j1'));
    t.server(() => t.socket().push('job:completed', job('j1', 2, { status: 'completed' })));
    expect(t.invalidate.mock.calls).toEqual([[{ queryKey: ['notes'] }], [{ queryKey: ['jobs', 'alice'] }]]);
  });
});
