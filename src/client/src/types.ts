/** The payloads jobpulse pushes and the job state its HTTP API answers with. */

/** Where a job is in its life: `queued → running → completed | failed | cancelled`. */
export type JobStatus = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';

/**
 * Fields jobpulse adds to every pushed payload. Optional in the types, so code written for a
 * server that sends only the base fields keeps compiling.
 */
export interface JobpulseExtras {
  /** +1 on every accepted change of the job: orders everything the client receives. */
  version?: number;
  /** The job's owner. */
  userId?: string;
  /** A free label, e.g. "note-import". */
  type?: string;
}

/** `job:progress`: a queued or running job moved. */
export interface JobProgressData extends JobpulseExtras {
  jobId: string;
  status: string;
  progress: number; // 0-100
  message?: string; // Progress message
  timestamp: string;
}

/** `job:completed`: the job finished; `result` is whatever JSON the producer gave. */
export interface JobCompletedData extends JobpulseExtras {
  jobId: string;
  status: string;
  result: any;
  timestamp: string;
  progress?: number;
  message?: string;
}

/** `job:failed`: the job failed or was cancelled (`status` says which). */
export interface JobErrorData extends JobpulseExtras {
  jobId: string;
  status: string;
  error: string;
  timestamp: string;
  progress?: number;
  message?: string;
}

/** The job as `GET /api/jobs/{jobId}` answers it (what polling sees). */
export interface JobState {
  jobId: string;
  userId: string;
  type?: string;
  status: JobStatus;
  progress: number;
  message?: string;
  result?: unknown;
  error?: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** Subscribe to all jobs of one user, or to one job. */
export type JobSubscription = { userId: string; jobId?: never } | { jobId: string; userId?: never };

/** The server's answer to `subscribe` / `unsubscribe`. */
export interface SubscribeAck {
  ok: boolean;
  upToDate?: boolean;
  jobs?: JobState[];
  error?: { code: string; message: string };
}

/** A bearer token, or a function that returns the current one (called before every connect and poll). */
export type TokenSource = string | (() => string | null | undefined | Promise<string | null | undefined>);

export function isTerminal(status: string): boolean {
  return status === 'completed' || status === 'failed' || status === 'cancelled';
}
