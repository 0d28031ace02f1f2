// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocketService } from '../src/services/WebSocketService';

const realSetTimeout = globalThis.setTimeout;
const realWait = (ms: number) => new Promise((resolve) => realSetTimeout(resolve, ms));

afterEach(() => {
  vi.useRealTimers();
});

describe('reconnect schedule (the real socket.io-client against a port where nothing listens)', () => {
  it('tries again after 1, 2, 4, 5 and 5 s, then gives up and says so', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.spyOn(Math, 'random').mockReturnValue(0); // no jitter: the schedule itself
    const start = Date.now();
    const attempts: number[] = [];
    const errors: string[] = [];
    let gaveUpAt: number | null = null;
    const service = new WebSocketService({ url: 'http://127.0.0.1:9' });
    service.on({
      onReconnectAttempt: (n) => attempts.push(n === attempts.length + 1 ? Date.now() - start : -1),
      onConnectError: (e) => errors.push(e.message),
      onReconnectFailed: () => {
        gaveUpAt = Date.now() - start;
      },
    });
    service.connect();
    let gaveUp = false;
    try {
      for (let failures = 1; failures <= 6; failures++) {
        // Each refusal arrives through real I/O; only then is the next (fake) reconnect timer due.
        for (let waited = 0; errors.length < failures && waited < 5000; waited += 10) await realWait(10);
        expect(errors).toHaveLength(failures);
        if (failures < 6) vi.advanceTimersToNextTimer();
      }
      gaveUp = service.hasGivenUp();
    } finally {
      service.disconnect();
    }
    expect(attempts).toEqual([1000, 3000, 7000, 12000, 17000]);
    expect(gaveUpAt).toBe(17000);
    expect(gaveUp).toBe(true);
    expect(errors.length).toBe(6); // the first connect and five reconnects
  });
});
