import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useJobWebSocket } from '@/hooks/useJobWebSocket';
import { webSocketService } from '@/services/WebSocketService';
import { uploadFile } from './api';
import { apiBase, authHeaders, params } from './config';
import { ProcessingModal } from './ProcessingModal';

const user = { id: params.get('user') ?? 'demo' };

/**
 * The upload-then-track flow: the usage example of the hook plus a processing modal, the user's
 * finished jobs (a TanStack query the hook invalidates when a job completes) and a count of the
 * callbacks, which the browser test reads.
 */
export function UploadPage() {
  const [calls, setCalls] = useState({ completed: 0, failed: 0 });
  const [fail, setFail] = useState(false);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [tokenExpiries, setTokenExpiries] = useState(0);
  useEffect(() => webSocketService.on({ onAuthExpired: () => setTokenExpiries((n) => n + 1) }), []);

  const { isConnected, jobProgress, trackJob, stopTracking, usingPolling, jobResult, jobError } = useJobWebSocket({
    userId: user?.id,
    enabled: true,
    onJobCompleted: () => {
      console.log('Job completed!');
      setCalls((c) => ({ ...c, completed: c.completed + 1 }));
    },
    onJobFailed: () => {
      console.log('Job failed!');
      setCalls((c) => ({ ...c, failed: c.failed + 1 }));
    },
  });

  const finishedJobs = useQuery({
    queryKey: ['jobs', user.id],
    queryFn: async () => {
      const response = await fetch(new URL(`api/jobs?userId=${encodeURIComponent(user.id)}`, apiBase), {
        headers: authHeaders(),
      });
      const jobs = (await response.json()) as Array<{ jobId: string; status: string }>;
      return jobs.filter((j) => j.status === 'completed').length;
    },
  });

  const handleUpload = async () => {
    setUploadError(null);
    try {
      const result = await uploadFile({ userId: user.id, fail });
      trackJob(result.jobId); // Start tracking the job
    } catch (error) {
      setUploadError((error as Error).message);
    }
  };

  return (
    <main>
      <h1>Upload and track</h1>
      <div id="connection" data-connected={String(isConnected)} data-polling={String(usingPolling)}>
        {isConnected ? 'Connected' : 'Disconnected'}
        {usingPolling && <p>Using polling fallback</p>}
        {jobProgress && <p>Progress: {jobProgress.progress}%</p>}
      </div>
      <fieldset>
        <legend>New upload</legend>
        <label>
          <input type="checkbox" checked={fail} onChange={(e) => setFail(e.target.checked)} /> Simulate a failure
        </label>{' '}
        <button type="button" onClick={handleUpload} disabled={jobProgress !== null && !jobResult && !jobError}>
          Upload
        </button>
        {uploadError && <p role="alert">{uploadError}</p>}
      </fieldset>
      <p className="callbacks">
        Callbacks: completed <span id="completed-calls">{calls.completed}</span>, failed{' '}
        <span id="failed-calls">{calls.failed}</span>. Finished jobs of {user.id}:{' '}
        <span id="finished-jobs">{finishedJobs.data ?? '…'}</span>. Token renewals:{' '}
        <span id="token-expiries">{tokenExpiries}</span>
      </p>
      {jobProgress && (
        <ProcessingModal progress={jobProgress} result={jobResult} error={jobError} onClose={stopTracking} />
      )}
    </main>
  );
}
