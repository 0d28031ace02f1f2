// A typical frontend's job-progress client, framework-free: socket.io-client v4 over WebSocket,
// subscribeToJobs by userId or jobId, handlers for progress / completed / failed, and a 3-second
// HTTP polling fallback while the socket is down. Browser apps use the package in src/client.
import { io } from "socket.io-client";

const POLL_EVERY_MS = 3000;

/**
 * @param url      the jobpulse server, e.g. "https://jobs.example.com"
 * @param handlers { onProgress, onCompleted, onFailed } each called with the event payload
 * @param options  extra socket.io options (auth, or path when not served at "/")
 * @param apiBase  where GET /api/jobs/{id} lives (defaults to url)
 */
export function createJobsClient(url, handlers, options = {}, apiBase = url) {
  const socket = io(url, {
    transports: ["websocket"],
    reconnection: true,
    reconnectionDelay: 1000,
    reconnectionDelayMax: 5000,
    reconnectionAttempts: 5,
    ...options,
  });
  const subscriptions = new Map(); // JSON of the filter -> filter
  const polledJobs = new Set();
  let pollTimer = null;

  const dispatch = (payload) => {
    if (payload.status === "completed") handlers.onCompleted?.(payload);
    else if (payload.status === "failed" || payload.status === "cancelled") handlers.onFailed?.(payload);
    else handlers.onProgress?.(payload);
  };

  socket.on("job:progress", (p) => handlers.onProgress?.(p));
  socket.on("job:completed", (p) => handlers.onCompleted?.(p));
  socket.on("job:failed", (p) => handlers.onFailed?.(p));

  // After every (re)connect: subscribe again; the server answers with the current state.
  socket.on("connect", () => {
    stopPolling();
    for (const filter of subscriptions.values()) socket.emit("subscribe", filter, () => {});
  });
  socket.on("disconnect", () => startPolling());
  socket.on("connect_error", () => startPolling());

  async function pollOnce() {
    for (const jobId of polledJobs) {
      try {
        const res = await fetch(new URL(`api/jobs/${encodeURIComponent(jobId)}`, withSlash(apiBase)));
        if (res.ok) {
          const job = await res.json();
          handlers.onPoll?.(job);
          dispatch({ ...job, timestamp: job.updatedAt });
        }
      } catch {
        // the server may be restarting: try again on the next tick
      }
    }
  }

  function startPolling() {
    if (pollTimer === null) {
      pollOnce();
      pollTimer = setInterval(pollOnce, POLL_EVERY_MS);
    }
  }

  function stopPolling() {
    if (pollTimer !== null) {
      clearInterval(pollTimer);
      pollTimer = null;
    }
  }

  /** Subscribes to { userId } or { jobId }; resolves with the ack { ok, jobs } or { ok:false, error }. */
  function subscribeToJobs(filter) {
    subscriptions.set(JSON.stringify(filter), filter);
    if (filter.jobId) polledJobs.add(filter.jobId);
    return new Promise((resolve) => socket.emit("subscribe", filter, resolve));
  }

  return {
    socket,
    subscribeToJobs,
    close() {
      stopPolling();
      socket.close();
    },
  };
}

function withSlash(base) {
  return base.endsWith("/") ? base : base + "/";
}
