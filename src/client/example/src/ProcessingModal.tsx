import { useEffect, useRef } from 'react';
import type { JobCompletedData, JobErrorData, JobProgressData } from '@/hooks/useJobWebSocket';

interface Props {
  progress: JobProgressData;
  result: JobCompletedData | null;
  error: JobErrorData | null;
  onClose: () => void;
}

/** The job being processed: a progress bar and its message, then the success or error state. */
export function ProcessingModal({ progress, result, error, onClose }: Props) {
  const close = useRef<HTMLButtonElement>(null);
  const done = result !== null || error !== null;
  useEffect(() => {
    if (done) close.current?.focus();
  }, [done]);

  const title = result ? 'Upload processed' : error ? 'Processing failed' : 'Processing your upload…';
  return (
    <div className="backdrop">
      <div
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby="modal-title"
        id="processing-modal"
        data-job-id={progress.jobId}
        data-status={progress.status}
      >
        <h2 id="modal-title">{title}</h2>
        <progress max={100} value={progress.progress} aria-label={`Progress of ${progress.jobId}`} />
        <p className="message">{progress.message ?? ''}</p>
        {result && <p className="outcome">Done: {JSON.stringify(result.result)}</p>}
        {error && <p className="outcome" role="alert">{error.error}</p>}
        <button type="button" ref={close} onClick={onClose} disabled={!done}>
          Close
        </button>
      </div>
    </div>
  );
}
