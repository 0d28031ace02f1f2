// The demo page: wires the forms, the job cards, the live socket and the polling fallback.
// Every URL is relative to the page, so the page works under any context root.
import { LiveSocket, RECONNECT } from './live.js';
import { Board } from './board.js';

/** A frontend's polling hook polls every 3 s while its socket is down. */
const POLL_EVERY_MS = 3000;
/** Same as the server's userId subscribe snapshot, so a resubscribe brings no surprise cards. */
const RECENT_LIMIT = 100;
/** Pasted job ids kept across reloads; each is one socket subscription (the server allows 100). */
const MAX_TRACKED = 20;
const USER_KEY = 'jobpulse.userId';
const TRACKED_KEY = 'jobpulse.trackedJobs';

const $ = (id) => document.getElementById(id);
const board = new Board($('jobs'), $('job-card'), $('no-jobs'), announce, cancelJob);
const live = new LiveSocket(LiveSocket.endpoint('ws/jobs'),
    { onState: showConnection, onOpen: subscribeAll, onFrame: handleFrame });

let userId = localStorage.getItem(USER_KEY) || 'demo';
const tracked = readTracked();
let pollTimer = null;
let polling = false;

$('user-id').value = userId;
$('jobs-owner').textContent = userId;
$('user-form').addEventListener('submit', (e) => {
    e.preventDefault();
    switchUser($('user-id').value.trim());
});
$('demo-form').addEventListener('submit', (e) => {
    e.preventDefault();
    startDemo(e.submitter?.value ?? 'cdi');
});
$('track-form').addEventListener('submit', (e) => {
    e.preventDefault();
    track($('track-id').value.trim());
});
$('reconnect').addEventListener('click', () => live.reconnectNow());

// The user's recent jobs first, so the first subscribe can say which versions the page has.
loadJobs().finally(() => live.start());

// --- connection state and the polling fallback --------------------------------------------------

function showConnection(state, detail) {
    const box = $('connection');
    box.dataset.state = state;
    box.dataset.transport = state === 'connected' ? 'websocket' : 'polling';
    const every = `${POLL_EVERY_MS / 1000} s`;
    $('connection-text').textContent = {
        connecting: 'Connecting…',
        connected: 'Live: updates arrive over the WebSocket',
        reconnecting: `Connection lost: polling every ${every}. Reconnecting (attempt ${detail.attempt} of `
            + `${RECONNECT.attempts}) in ${detail.delayMs / 1000} s`,
        offline: `Offline, ${detail.reason}: polling every ${every}`,
    }[state];
    $('reconnect').hidden = state !== 'offline';
    if (state === 'connected') {
        stopPolling();
    } else {
        // At page start the jobs were just loaded; after a drop the first poll goes out at once.
        startPolling(state !== 'connecting');
    }
}

function startPolling(now) {
    if (pollTimer === null) {
        pollTimer = setInterval(pollUnfinished, POLL_EVERY_MS);
        if (now) {
            pollUnfinished();
        }
    }
}

function stopPolling() {
    clearInterval(pollTimer);
    pollTimer = null;
}

/** One round: each unfinished job once; finished jobs are never polled again. */
async function pollUnfinished() {
    if (polling) {
        return; // the previous round is still waiting for a slow server
    }
    polling = true;
    try {
        await Promise.all(board.unfinished().map(pollJob));
    } finally {
        polling = false;
    }
}

async function pollJob({ jobId, version }) {
    try {
        // The ETag is the version: an unchanged job costs a bodiless 304.
        const r = await fetch(jobUrl(jobId), { cache: 'no-store', headers: { 'If-None-Match': `"${version}"` } });
        if (r.status === 404) {
            board.gone(jobId);
        } else if (r.ok) {
            board.apply(await r.json(), 'poll');
        }
    } catch {
        // the server is unreachable too: the next round tries again
    }
}

// --- the socket protocol ------------------------------------------------------------------------

/** On every (re)connect: resume the user's jobs and each tracked job from the versions shown. */
function subscribeAll() {
    subscribeUser();
    for (const jobId of tracked) {
        const afterVersion = board.version(jobId);
        live.send(afterVersion === undefined ? { op: 'subscribe', jobId } : { op: 'subscribe', jobId, afterVersion });
    }
}

function subscribeUser() {
    live.send({ op: 'subscribe', userId, versions: board.versions(userId) });
}

function handleFrame(frame) {
    if (frame.type === 'job.progress' || frame.type === 'job.completed' || frame.type === 'job.failed') {
        const job = frame.data;
        // After a user switch, a push for the previous user's jobs may still be on its way.
        if (job.userId === userId || tracked.has(job.jobId)) {
            board.apply(job, 'socket');
        }
    } else if (frame.type === 'error') {
        $('socket-notice').textContent = `The server refused a request: ${frame.message} (${frame.code})`;
    }
    // Acks need nothing: the state of every job they list follows as its own push.
}

// --- loading, starting and tracking jobs --------------------------------------------------------

async function loadJobs() {
    const forUser = userId;
    try {
        const r = await fetch(`api/jobs?userId=${encodeURIComponent(forUser)}&limit=${RECENT_LIMIT}`,
            { cache: 'no-store' });
        const newestFirst = r.ok ? await r.json() : [];
        if (forUser !== userId) {
            return; // the user was switched meanwhile; the switch loads that user's jobs
        }
        newestFirst.reverse().forEach((job) => board.apply(job, 'http'));
        for (const jobId of tracked) {
            const job = await fetch(jobUrl(jobId), { cache: 'no-store' });
            if (job.ok) {
                board.apply(await job.json(), 'http');
            } else if (job.status === 404) {
                untrack(jobId);
            }
        }
    } catch {
        // server unreachable: the socket's reconnects and the polling report it
    }
}

async function switchUser(next) {
    if (next === userId) {
        return;
    }
    if (live.open) {
        live.send({ op: 'unsubscribe', userId });
    }
    userId = next;
    localStorage.setItem(USER_KEY, userId);
    $('jobs-owner').textContent = userId;
    board.clear();
    await loadJobs();
    if (live.open) {
        subscribeUser();
    }
    announce(`Showing the jobs of ${userId}`);
}

async function startDemo(producer) {
    const form = $('demo-form');
    const fail = form.elements.fail.checked;
    const [url, body] = producer === 'batch'
        ? ['api/demo/batch', { userId, records: Number(form.elements.records.value), fail }]
        : ['api/demo/jobs', { userId, steps: Number(form.elements.steps.value),
            stepMillis: Number(form.elements.stepMillis.value), fail }];
    const notice = $('demo-notice');
    notice.textContent = '';
    let r;
    try {
        r = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    } catch {
        notice.textContent = 'Could not reach the server.';
        return;
    }
    if (r.status === 201) {
        const job = await r.json();
        board.apply(job, 'http');
        board.show(job.jobId); // on a phone the list is below the form
        announce(`Started job ${job.jobId}`);
        return;
    }
    const problem = await r.json().catch(() => null);
    if (r.status === 404 && producer === 'batch' && !problem?.type?.endsWith('demo-disabled')) {
        notice.textContent = 'The Batch demo is not available on this server (POST api/demo/batch answered 404).';
    } else {
        notice.textContent = problem?.detail ?? `The server answered ${r.status}.`;
    }
}

/** The Cancel button: the answer carries cancelRequested; the job's end arrives like any change. */
async function cancelJob(jobId) {
    try {
        const r = await fetch(`${jobUrl(jobId)}/cancel`, { method: 'POST' });
        if (r.ok) {
            board.apply(await r.json(), 'http');
        } else {
            const problem = await r.json().catch(() => null);
            announce(problem?.detail ?? `Cancelling ${jobId}: the server answered ${r.status}.`);
        }
    } catch {
        announce(`Could not reach the server to cancel ${jobId}.`);
    }
}

async function track(jobId) {
    const notice = $('track-notice');
    notice.textContent = '';
    let r;
    try {
        r = await fetch(jobUrl(jobId), { cache: 'no-store' });
    } catch {
        notice.textContent = 'Could not reach the server.';
        return;
    }
    if (!r.ok) {
        const problem = await r.json().catch(() => null);
        notice.textContent = problem?.detail ?? `The server answered ${r.status}.`;
        return;
    }
    const job = await r.json();
    board.apply(job, 'http');
    board.show(jobId);
    if (!tracked.has(jobId)) {
        tracked.add(jobId);
        if (tracked.size > MAX_TRACKED) {
            untrack(tracked.values().next().value);
        }
        localStorage.setItem(TRACKED_KEY, JSON.stringify([...tracked]));
        live.send({ op: 'subscribe', jobId, afterVersion: job.version });
    }
    $('track-id').value = '';
    announce(`Tracking job ${jobId}`);
}

function untrack(jobId) {
    tracked.delete(jobId);
    localStorage.setItem(TRACKED_KEY, JSON.stringify([...tracked]));
    live.send({ op: 'unsubscribe', jobId });
}

function readTracked() {
    try {
        const ids = JSON.parse(localStorage.getItem(TRACKED_KEY) ?? '[]');
        return new Set(Array.isArray(ids) ? ids.filter((id) => typeof id === 'string') : []);
    } catch {
        return new Set();
    }
}

function jobUrl(jobId) {
    return `api/jobs/${encodeURIComponent(jobId)}`;
}

function announce(text) {
    $('announcer').textContent = text;
}
