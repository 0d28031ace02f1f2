import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { MyComponent } from '../example/src/ReadmeExample';
import { serviceExample, serviceExampleEnd } from '../example/src/serviceExample';
import { webSocketService } from '../src/services/WebSocketService';
import { fakeIo, job } from './fakeSocket';

describe('the usage examples, exactly as the README shows them', () => {
  it('the service example connects, logs connection and job events, subscribes and disconnects', () => {
    const io = fakeIo();
    webSocketService.configure({ io });
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});

    serviceExample();
    const socket = io.last();
    socket.accept();
    socket.push('job:progress', job('j1', 1));
    socket.push('job:completed', job('j1', 2, { status: 'completed', result: { rows: 3 } }));
    expect(socket.subscribes()).toEqual([{ userId: 'user123' }]);
    expect(log.mock.calls.map((c) => c[0])).toEqual(['Connected', 'Progress:', 'Completed:']);
    expect(log.mock.calls[2][1]).toMatchObject({ jobId: 'j1', result: { rows: 3 } });

    serviceExampleEnd();
    expect(socket.disconnected).toBe(true);
  });

  it('the component example renders the connection state, the fallback notice and the progress', () => {
    const io = fakeIo();
    webSocketService.configure({ io });
    render(
      <QueryClientProvider client={new QueryClient()}>
        <MyComponent />
      </QueryClientProvider>,
    );
    expect(screen.getByText('Disconnected')).toBeTruthy();
    act(() => io.last().accept());
    expect(screen.getByText('Connected')).toBeTruthy();
    expect(io.last().subscribes()).toEqual([{ userId: 'user123' }]);
    expect(screen.queryByText('Using polling fallback')).toBeNull();
  });
});
