// The hook's usage example from the package README, exactly as written there; `user` and
// `uploadFile` are what the example assumes to be in scope. Type-checked with the example app and
// rendered by the unit tests.
import { useJobWebSocket } from '@/hooks/useJobWebSocket';
import { uploadFile as startUpload } from './api';

const user: { id: string } | undefined = { id: 'user123' };
const uploadFile = () => startUpload({ userId: 'user123', fail: false });

export function MyComponent() {
  const { 
    isConnected, 
    jobProgress, 
    trackJob, 
    stopTracking,
    usingPolling 
  } = useJobWebSocket({
    userId: user?.id,
    enabled: true,
    onJobCompleted: () => {
      console.log('Job completed!');
    },
    onJobFailed: () => {
      console.log('Job failed!');
    },
  });

  const handleUpload = async () => {
    const result = await uploadFile();
    trackJob(result.jobId); // Start tracking the job
  };

  return (
    <div>
      {isConnected ? 'Connected' : 'Disconnected'}
      {usingPolling && <p>Using polling fallback</p>}
      {jobProgress && <p>Progress: {jobProgress.progress}%</p>}
    </div>
  );
}
