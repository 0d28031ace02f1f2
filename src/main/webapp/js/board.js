// The job cards. A card changes only for a state with a newer version than the one it shows,
// whatever brought it (push, poll or HTTP response), so duplicates, a late poll answer racing a
// push, or a resubscribe snapshot can never move a card backwards.

const FINISHED = new Set(['completed', 'failed', 'cancelled']);
const SOURCES = { socket: 'WebSocket', poll: 'polling', http: 'HTTP' };

export const isFinished = (job) => FINISHED.has(job.status);

export class Board {

    /**
     * announce(text) reads job endings out through the page's live region; cancel(jobId) asks the
     * server to cancel a running job (its Cancel button).
     */
    constructor(list, template, emptyNote, announce, cancel) {
        this.cancel = cancel;
        this.list = list;
        this.template = template;
        this.emptyNote = emptyNote;
        this.announce = announce;
        this.entries = new Map(); // jobId -> { job, card, gone }
    }

    /** Shows a job state; false when the card already shows this version or a newer one. */
    apply(state, source) {
        const entry = this.entries.get(state.jobId);
        if (entry && state.version <= entry.job.version) {
            return false;
        }
        const previous = entry?.job;
        // Pushes leave out empty fields and name the change time `timestamp`: keep what the card had.
        const job = { ...previous, ...state, updatedAt: state.updatedAt ?? state.timestamp };
        const card = entry?.card ?? this.addCard();
        this.entries.set(job.jobId, { job, card, gone: false });
        render(card, job, source);
        if (previous && !isFinished(previous) && isFinished(job)) {
            this.announce(`Job ${job.jobId} ${job.status}${job.error ? ': ' + job.error : ''}`);
        }
        return true;
    }

    /** The server no longer knows the job (purged, or restarted with an in-memory store). */
    gone(jobId) {
        const entry = this.entries.get(jobId);
        if (entry) {
            entry.gone = true;
            entry.card.dataset.status = 'gone';
            entry.card.querySelector('.status').textContent = 'Gone';
            entry.card.querySelector('.outcome').textContent = 'The server no longer knows this job.';
        }
    }

    /** Scrolls a card into view if it is not (the page does not move when it already is). */
    show(jobId) {
        this.entries.get(jobId)?.card.scrollIntoView({ block: 'nearest' });
    }

    version(jobId) {
        return this.entries.get(jobId)?.job.version;
    }

    /** Jobs still worth polling: neither finished nor gone. */
    unfinished() {
        return [...this.entries.values()]
            .filter((e) => !e.gone && !isFinished(e.job))
            .map((e) => ({ jobId: e.job.jobId, version: e.job.version }));
    }

    /** { jobId: version } of one user's jobs, for a resuming subscribe. */
    versions(userId) {
        const versions = {};
        for (const { job } of this.entries.values()) {
            if (job.userId === userId) {
                versions[job.jobId] = job.version;
            }
        }
        return versions;
    }

    clear() {
        this.entries.clear();
        this.list.replaceChildren();
        this.emptyNote.hidden = false;
    }

    /** New cards go on top: the newest job first. */
    addCard() {
        const card = this.template.content.firstElementChild.cloneNode(true);
        const button = card.querySelector('.cancel');
        button.addEventListener('click', () => {
            button.disabled = true;
            this.cancel(card.dataset.jobId);
        });
        this.list.prepend(card);
        this.emptyNote.hidden = true;
        return card;
    }
}

function render(card, job, source) {
    card.dataset.jobId = job.jobId;
    card.dataset.status = job.status;
    card.dataset.source = source;
    const id = card.querySelector('.job-id');
    id.textContent = job.jobId;
    id.title = job.jobId;
    card.querySelector('.status').textContent = capitalise(job.status);

    const progress = card.querySelector('progress');
    progress.value = job.progress;
    progress.textContent = `${job.progress} %`; // shown by browsers without <progress> support
    progress.setAttribute('aria-label', `Progress of ${job.jobId}`);
    card.querySelector('.percent').textContent = `${job.progress} %`;

    card.querySelector('.message').textContent = job.message ?? '';
    const outcome = card.querySelector('.outcome');
    if (job.status === 'completed') {
        outcome.textContent = `Result: ${JSON.stringify(job.result ?? null)}`;
    } else if (isFinished(job)) {
        // reason says the server ended it (stalled, interrupted, cancel_timeout), error says why
        const why = job.reason ? ` (${job.reason.replace('_', ' ')})` : '';
        outcome.textContent = `Error${why}: ${job.error ?? 'no reason given'}`;
    } else {
        outcome.textContent = job.cancelRequested ? 'Cancellation requested; waiting for the job to stop.' : '';
    }
    const cancel = card.querySelector('.cancel');
    cancel.hidden = isFinished(job);
    cancel.disabled = Boolean(job.cancelRequested);
    cancel.textContent = job.cancelRequested ? 'Cancelling…' : 'Cancel';
    cancel.setAttribute('aria-label', `Cancel ${job.jobId}`);

    const updated = job.updatedAt ? new Date(job.updatedAt).toLocaleTimeString() : '?';
    card.querySelector('.meta').textContent =
        `${job.type ?? 'job'} for ${job.userId} · version ${job.version} · ${updated} · via ${SOURCES[source]}`;
}

function capitalise(word) {
    return word.charAt(0).toUpperCase() + word.slice(1);
}
