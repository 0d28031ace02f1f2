import { QueryClientContext, type QueryClient, type QueryKey } from '@tanstack/react-query';
import { useCallback, useContext, useEffect, useRef, useState } from 'react';
import { webSocketService, type WebSocketService } from '../services/WebSocketService.js';
import { isTerminal, type JobCompletedData, type JobErrorData, type JobProgressData } from '../types.js';

export type { JobCompletedData, JobErrorData, JobProgressData } from '../types.js';

export interface UseJobWebSocketOptions {
  /** Also follow every job of this user (the callbacks then fire for them too). */
  userId?: string | null;
  /** Connects while true (default true). */
  enabled?: boolean;
  /** Once per job, when a tracked job (or a job of `userId` seen running) completes. */
  onJobCompleted?: (data: JobCompletedData) => void;
  /** Once per job, when such a job fails or is cancelled. */
  onJobFailed?: (data: JobErrorData) => void;
  onJobProgress?: (data: JobProgressData) => void;
  /** How often to poll while the socket is down (ms, default 3000). */
  pollInterval?: number;
  /**
   * What to invalidate in the TanStack Query cache when a job completes: true (default) for
   * everything, a list of query keys, or false for nothing. Needs a QueryClientProvider; without one
   * nothing is invalidated.
   */
  invalidateQueries?: boolean | QueryKey[];
  /** The connection to use (default: the shared `webSocketService`). */
  service?: WebSocketService;
}

export interface UseJobWebSocketResult {
  isConnected: boolean;
  /** The tracked job's latest state (also once it completed or failed), or null. */
  jobProgress: JobProgressData | null;
  trackJob: (jobId: string) => void;
  stopTracking: () => void;
  /** True while the socket is down and the tracked job is being polled over HTTP. */
  usingPolling: boolean;
  trackedJobId: string | null;
  /** The tracked job's completion, once it completed. */
  jobResult: JobCompletedData | null;
  /** The tracked job's failure, once it failed or was cancelled. */
  jobError: JobErrorData | null;
}

const POLL_INTERVAL_MS = 3000;

/**
 * Tracks jobs in a React component: connects while enabled, follows the job given to trackJob,
 * and while the socket is down polls that job over HTTP until the socket is back or the job ended.
 * Updates from both paths go through the service's version gate, so the state never goes back.
 */
export function useJobWebSocket(options: UseJobWebSocketOptions = {}): UseJobWebSocketResult {
  const { userId, enabled = true, pollInterval = POLL_INTERVAL_MS } = options;
  const service = options.service ?? webSocketService;
  const queryClient = useContext(QueryClientContext);

  const [isConnected, setIsConnected] = useState(() => service.isConnected());
  const [socketDown, setSocketDown] = useState(false);
  const [trackedJobId, setTrackedJobId] = useState<string | null>(null);
  const [jobProgress, setJobProgress] = useState<JobProgressData | null>(null);
  const [jobResult, setJobResult] = useState<JobCompletedData | null>(null);
  const [jobError, setJobError] = useState<JobErrorData | null>(null);

  // Read by the socket callbacks, which are registered once per connection, not per render.
  const latestOptions = useRef(options);
  latestOptions.current = options;
  const tracked = useRef<string | null>(null);
  const seenRunning = useRef(new Set<string>());
  const queryClientRef = useRef(queryClient);
  queryClientRef.current = queryClient;

  const mine = useCallback(
    (jobId: string, owner: string | undefined) =>
      jobId === tracked.current ||
      (seenRunning.current.has(jobId) && !!latestOptions.current.userId && owner === latestOptions.current.userId),
    [],
  );

  // Unmounting ends the job subscription too; declared first so it runs before the socket is released.
  useEffect(
    () => () => {
      if (tracked.current) void service.unsubscribeFromJobs({ jobId: tracked.current });
    },
    [service],
  );

  useEffect(() => {
    if (!enabled) return undefined;
    const release = service.retain();
    const off = service.on({
      onConnect: () => {
        setIsConnected(true);
        setSocketDown(false);
      },
      onDisconnect: () => {
        setIsConnected(false);
        setSocketDown(true);
      },
      onConnectError: () => setSocketDown(true),
      onJobProgress: (data) => {
        seenRunning.current.add(data.jobId);
        if (data.jobId === tracked.current) setJobProgress(data);
        if (mine(data.jobId, data.userId)) latestOptions.current.onJobProgress?.(data);
      },
      onJobCompleted: (data) => {
        if (data.jobId === tracked.current) {
          setJobProgress((previous) => asProgress(data, previous));
          setJobResult(data);
        }
        if (!mine(data.jobId, data.userId)) return;
        invalidate(queryClientRef.current, latestOptions.current.invalidateQueries);
        latestOptions.current.onJobCompleted?.(data);
      },
      onJobFailed: (data) => {
        if (data.jobId === tracked.current) {
          setJobProgress((previous) => asProgress(data, previous));
          setJobError(data);
        }
        if (mine(data.jobId, data.userId)) latestOptions.current.onJobFailed?.(data);
      },
    });
    setIsConnected(service.isConnected());
    return () => {
      off();
      release();
    };
  }, [enabled, service, mine]);

  useEffect(() => {
    if (!enabled || !userId) return undefined;
    void service.subscribeToJobs({ userId });
    return () => {
      void service.unsubscribeFromJobs({ userId });
    };
  }, [enabled, userId, service]);

  const trackJob = useCallback(
    (jobId: string) => {
      if (tracked.current && tracked.current !== jobId) {
        void service.unsubscribeFromJobs({ jobId: tracked.current });
      }
      tracked.current = jobId;
      setTrackedJobId(jobId);
      // A job seen before (e.g. through the user's subscription) shows at once.
      const known = service.lastUpdate(jobId);
      setJobProgress(known ? asProgress(known, null) : null);
      setJobResult(known?.status === 'completed' ? (known as JobCompletedData) : null);
      setJobError(known && isTerminal(known.status) && known.status !== 'completed' ? (known as JobErrorData) : null);
      void service.subscribeToJobs({ jobId });
    },
    [service],
  );

  const stopTracking = useCallback(() => {
    if (tracked.current) void service.unsubscribeFromJobs({ jobId: tracked.current });
    tracked.current = null;
    setTrackedJobId(null);
    setJobProgress(null);
    setJobResult(null);
    setJobError(null);
  }, [service]);

  const finished = jobResult !== null || jobError !== null;
  const usingPolling = enabled && trackedJobId !== null && !finished && socketDown;

  useEffect(() => {
    if (!usingPolling || trackedJobId === null) return undefined;
    const poll = () => {
      service.pollJob(trackedJobId).then(
        () => {
          // The server answers HTTP, so a socket that gave up may get in again.
          if (service.hasGivenUp()) service.reconnect();
        },
        () => {
          // unreachable or refused: the next tick tries again
        },
      );
    };
    poll();
    const timer = setInterval(poll, pollInterval);
    return () => clearInterval(timer);
  }, [usingPolling, trackedJobId, pollInterval, service]);

  return { isConnected, jobProgress, trackJob, stopTracking, usingPolling, trackedJobId, jobResult, jobError };
}

/** A completion or failure as progress, so `jobProgress` shows the end state too. */
function asProgress(
  data: JobProgressData | JobCompletedData | JobErrorData,
  previous: JobProgressData | null,
): JobProgressData {
  const progress =
    typeof data.progress === 'number'
      ? data.progress
      : data.status === 'completed'
        ? 100
        : (previous?.progress ?? 0);
  return { ...data, progress } as JobProgressData;
}

function invalidate(client: QueryClient | undefined, what: boolean | QueryKey[] | undefined): void {
  if (!client || what === false) return;
  if (what === undefined || what === true) {
    void client.invalidateQueries();
  } else {
    for (const queryKey of what) void client.invalidateQueries({ queryKey });
  }
}
