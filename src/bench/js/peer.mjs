// The benchmark's peer (docs/benchmarks.md): what a team would write with socket.io instead of
// jobpulse, doing the same job with socket.io's default options, so the harness can put the two
// side by side. Jobs live in a Map (no database); everything else is what jobpulse does per event:
//   POST /api/jobs/events   one event or an array, each validated and versioned, per-event results
//   GET  /api/jobs?userId=  a user's jobs (the harness reads the final versions from it)
//   GET  /health/ready      200 once listening
//   Socket.IO "subscribe" {jobId} | {userId} joins a room, acks the current state and sends it
// Each applied event is emitted to the job's room and its owner's room as job:progress,
// job:completed or job:failed. No artificial delays, nothing disabled.
// Usage: node peer.mjs <port>
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const port = Number(process.argv[2] ?? 9300);
const MAX_BODY = 1024 * 1024;
const MAX_BATCH = 1000;
const ID = /^[A-Za-z0-9._:-]{1,128}$/;
const KINDS = new Set(['queued', 'started', 'progress', 'completed', 'failed', 'cancelled']);
const jobs = new Map();

function rejected(index, e, code, reason) {
  return { index, jobId: typeof e?.jobId === 'string' ? e.jobId : undefined, outcome: 'rejected', code, reason };
}

function validate(e) {
  if (e === null || typeof e !== 'object' || Array.isArray(e)) return ['invalid_event', 'an event is a JSON object'];
  if (!KINDS.has(e.type)) return ['invalid_event', 'type must be one of ' + [...KINDS].join(', ')];
  if (typeof e.jobId !== 'string' || !ID.test(e.jobId)) return ['invalid_job_id', 'jobId: 1..128 of [A-Za-z0-9._:-]'];
  if (e.userId !== undefined && (typeof e.userId !== 'string' || !ID.test(e.userId))) return ['invalid_user_id', 'userId: 1..128 of [A-Za-z0-9._:-]'];
  if (e.progress !== undefined && (!Number.isInteger(e.progress) || e.progress < 0 || e.progress > 100)) return ['invalid_progress', 'progress must be an integer from 0 to 100'];
  if (e.message !== undefined && (typeof e.message !== 'string' || e.message.length > 1000)) return ['message_too_long', 'message: a string of at most 1000 characters'];
  if (e.error !== undefined && (typeof e.error !== 'string' || e.error.length > 4000)) return ['error_too_long', 'error: a string of at most 4000 characters'];
  return null;
}

function eventName(job) {
  return job.status === 'completed' ? 'job:completed' : job.status === 'failed' || job.status === 'cancelled' ? 'job:failed' : 'job:progress';
}

function payload(job) {
  return { jobId: job.jobId, status: job.status, progress: job.progress, message: job.message, result: job.result,
    error: job.error, timestamp: job.updatedAt, version: job.version, userId: job.userId, type: job.type };
}

/** The lifecycle rules: the new state, or an outcome without a change. */
function transition(cur, e, now) {
  if (!cur) {
    if (e.userId === undefined) return { outcome: 'rejected', code: 'unknown_job', reason: 'the first event of a job must carry its userId' };
    cur = { jobId: e.jobId, userId: e.userId, type: e.jobType, status: 'queued', progress: 0, version: 0, createdAt: now };
    if (e.type === 'queued') return { job: { ...cur, version: 1, updatedAt: now } };
  } else {
    if (['completed', 'failed', 'cancelled'].includes(cur.status)) return { outcome: 'ignored', reason: 'job is already ' + cur.status };
    if (e.userId !== undefined && e.userId !== cur.userId) return { outcome: 'rejected', code: 'owner_mismatch', reason: "a job's userId never changes" };
  }
  const next = { ...cur, version: cur.version + 1, updatedAt: now, message: e.message ?? cur.message };
  switch (e.type) {
    case 'queued': return { outcome: 'ignored', reason: 'job already exists' };
    case 'started':
      if (cur.status === 'running') return { outcome: 'ignored', reason: 'job is already running' };
      return { job: { ...next, status: 'running' } };
    case 'progress': {
      const p = e.progress ?? cur.progress;
      if (p < cur.progress) return { outcome: 'rejected', code: 'progress_backwards', reason: 'progress may not go down' };
      return { job: { ...next, status: 'running', progress: p } };
    }
    case 'completed': return { job: { ...next, status: 'completed', progress: 100, result: e.result } };
    default: return { job: { ...next, status: e.type, error: e.error || e.type } };
  }
}

function apply(index, e) {
  const invalid = validate(e);
  if (invalid) return rejected(index, e, invalid[0], invalid[1]);
  const t = transition(jobs.get(e.jobId), e, new Date().toISOString());
  if (!t.job) return t.outcome === 'rejected' ? rejected(index, e, t.code, t.reason) : { index, jobId: e.jobId, outcome: t.outcome, reason: t.reason };
  jobs.set(e.jobId, t.job);
  io.to(['job:' + t.job.jobId, 'user:' + t.job.userId]).emit(eventName(t.job), payload(t.job));
  return { index, jobId: e.jobId, outcome: 'applied', status: t.job.status, version: t.job.version };
}

function send(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function ingest(req, res) {
  const chunks = [];
  let size = 0;
  req.on('data', (c) => {
    size += c.length;
    if (size <= MAX_BODY) chunks.push(c);
  });
  req.on('end', () => {
    if (size > MAX_BODY) return send(res, 413, { code: 'body-too-large' });
    let body;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch (err) {
      return send(res, 400, { code: 'invalid-json', reason: err.message });
    }
    const events = Array.isArray(body) ? body : [body];
    if (events.length === 0) return send(res, 400, { code: 'empty-batch' });
    if (events.length > MAX_BATCH) return send(res, 413, { code: 'batch-too-large' });
    const results = events.map((e, i) => apply(i, e));
    send(res, results.some((r) => r.outcome !== 'rejected') ? 202 : 400, { results });
  });
}

function userJobs(userId, limit) {
  return [...jobs.values()].filter((j) => j.userId === userId)
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1)).slice(0, limit);
}

const http = createServer((req, res) => {
  const url = new URL(req.url, 'http://peer');
  if (req.method === 'POST' && url.pathname === '/api/jobs/events') return ingest(req, res);
  if (req.method === 'GET' && url.pathname === '/api/jobs') {
    return send(res, 200, userJobs(url.searchParams.get('userId'), Number(url.searchParams.get('limit') ?? 50)));
  }
  if (req.method === 'GET' && url.pathname === '/health/ready') return send(res, 200, { status: 'UP' });
  if (!url.pathname.startsWith('/socket.io/')) send(res, 404, { code: 'not-found' });
});

const io = new Server(http);

io.on('connection', (socket) => {
  const subscription = (data) => {
    if (data && typeof data.jobId === 'string' && ID.test(data.jobId)) return ['job:' + data.jobId, jobs.has(data.jobId) ? [jobs.get(data.jobId)] : []];
    if (data && typeof data.userId === 'string' && ID.test(data.userId)) return ['user:' + data.userId, userJobs(data.userId, 50)];
    return null;
  };
  socket.on('subscribe', (data, ack) => {
    const s = subscription(data);
    if (!s) return typeof ack === 'function' && ack({ ok: false, error: { code: 'invalid-subscription', message: 'give a jobId or a userId' } });
    socket.join(s[0]);
    if (typeof ack === 'function') ack({ ok: true, jobs: s[1].map(payload) });
    for (const job of s[1]) socket.emit(eventName(job), payload(job));
  });
  socket.on('unsubscribe', (data, ack) => {
    const s = subscription(data);
    if (s) socket.leave(s[0]);
    if (typeof ack === 'function') ack({ ok: !!s });
  });
});

http.listen(port, '127.0.0.1', () => console.log(`peer listening on ${port}`));
