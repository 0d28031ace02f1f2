// End-to-end check of the official JavaScript socket.io-client against a deployed jobpulse, through
// the framework-free frontend client (jobs-client.mjs). Run by SocketIoJsClientIT:
//   node e2e.mjs <application URL, e.g. http://localhost:9080/> [server ping interval in ms]
// Prints one line per step and exits 0 when every step passed, 1 otherwise.
import { createJobsClient } from "./jobs-client.mjs";

const app = new URL(process.argv[2] ?? "http://localhost:9080/");
const pingInterval = Number(process.argv[3] ?? 25000);
const socketPath = new URL("socket.io/", app).pathname;
const token = `e2e-${Math.random().toString(36).slice(2, 10)}`;
const userId = `js-${token}`;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const fail = (message) => {
  throw new Error(message);
};
const check = (condition, message) => {
  if (!condition) fail(message);
  console.log(`ok - ${message}`);
};

/** Resolves with the next value pushed to `queue` that satisfies `match`, or fails after `ms`. */
async function next(queue, match, what, ms = 15000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const i = queue.findIndex(match);
    if (i >= 0) return queue.splice(i, 1)[0];
    await sleep(20);
  }
  fail(`timed out waiting for ${what}`);
}

async function startDemoJob(steps, stepMillis) {
  const res = await fetch(new URL("api/demo/jobs", app), {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ userId, steps, stepMillis }),
  });
  if (res.status !== 201) fail(`demo job not created: ${res.status} ${await res.text()}`);
  return (await res.json()).jobId;
}

async function main() {
  const events = [];
  const polls = [];
  const lifecycle = [];
  const record = (name) => (payload) => events.push({ name, ...payload });
  // Only the URL differs from a deployed frontend: the origin, plus the path when not deployed at "/".
  const extra = { auth: { token }, ...(socketPath === "/socket.io/" ? {} : { path: socketPath }) };
  const client = createJobsClient(app.origin, {
    onProgress: record("job:progress"),
    onCompleted: record("job:completed"),
    onFailed: record("job:failed"),
    onPoll: (job) => polls.push(job),
  }, extra, app.href);
  const { socket } = client;
  socket.on("connect", () => lifecycle.push("connect"));
  socket.on("disconnect", (reason) => lifecycle.push(`disconnect:${reason}`));

  try {
    await next(lifecycle, (e) => e === "connect", "the first connect");
    check(socket.io.engine.transport.name === "websocket", "connected over WebSocket");

    // 1. Subscribe by user, then a demo job's every event in order and its completion.
    const ack = await client.subscribeToJobs({ userId });
    check(ack.ok === true && Array.isArray(ack.jobs), "subscribe by userId acknowledged");
    const jobId = await startDemoJob(8, 100);
    const received = [];
    let last;
    do {
      last = await next(events, (e) => e.jobId === jobId, `events of ${jobId}`);
      received.push(last);
    } while (last.name === "job:progress");
    check(last.name === "job:completed" && last.status === "completed", "terminal job:completed received");
    check(last.version === 9 && last.result?.steps === 8, "completed at version 9 with the job's result");
    check(received.every((e, i) => i === 0 || e.version > received[i - 1].version), "versions strictly increase");
    check(received.every((e, i) => i === 0 || e.progress >= received[i - 1].progress), "progress never goes down");
    check(received.every((e) => e.userId === userId && e.type === "demo" && e.timestamp), "payloads carry userId, type, timestamp");

    // 2. Idle for many ping intervals: the heartbeat keeps the connection.
    await sleep(6 * pingInterval);
    check(lifecycle.length === 0 && socket.connected, `still connected after ${6 * pingInterval} ms idle`);

    // 3. The server closes the socket: polling fallback, reconnect, resubscribe, current state.
    const job2 = await startDemoJob(40, 100);
    const ack2 = await client.subscribeToJobs({ jobId: job2 });
    check(ack2.ok === true && ack2.jobs[0]?.jobId === job2, "subscribe by jobId acknowledged with the job");
    await next(events, (e) => e.jobId === job2 && e.version >= 3, "progress of the second job");
    const closed = await (await fetch(new URL(`api/test/connections/close?jobId=${job2}`, app), { method: "POST" })).json();
    check(closed.closed === 1, "the server closed our socket");
    const reason = await next(lifecycle, (e) => e.startsWith("disconnect:"), "the disconnect");
    check(reason === "disconnect:transport close", `disconnected (${reason}), so the client reconnects`);
    const polled = await next(polls, (j) => j.jobId === job2, "a poll of GET /api/jobs/{id}");
    check(polled.version >= 3, `polling fallback read the job at version ${polled.version}`);
    await next(lifecycle, (e) => e === "connect", "the reconnect");
    check(socket.connected, "reconnected");
    const end2 = await next(events, (e) => e.jobId === job2 && e.name === "job:completed", "job:completed of the second job", 30000);
    // A polled job state has createdAt; a pushed payload does not.
    check(end2.version === 41 && end2.createdAt === undefined, "the second job's completion was pushed after the reconnect");
    return 0;
  } catch (e) {
    console.log(`not ok - ${e.message}`);
    console.log(`lifecycle: ${JSON.stringify(lifecycle)}`);
    return 1;
  } finally {
    client.close();
  }
}

const timer = setTimeout(() => {
  console.log("not ok - the whole run took longer than 90 s");
  process.exit(1);
}, 90000);
const code = await main();
clearTimeout(timer);
process.exit(code);
