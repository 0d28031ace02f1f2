// @vitest-environment node
import { describe, expect, it } from 'vitest';

describe('server-side rendering', () => {
  it('imports without a window and connects to nothing until asked', async () => {
    expect(typeof window).toBe('undefined');
    const pkg = await import('../src/index');
    expect(pkg.webSocketService.isConnected()).toBe(false);
    expect(typeof pkg.useJobWebSocket).toBe('function');
  });
});
