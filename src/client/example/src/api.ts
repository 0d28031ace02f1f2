import { apiBase, authHeaders, params } from './config';

export interface UploadResult {
  jobId: string;
}

/**
 * Stands in for a real upload endpoint: starts one of jobpulse's demo jobs (POST api/demo/jobs),
 * which the server then drives to its end. The page's query can shape it (?steps=40&stepMillis=300).
 */
export async function uploadFile(options: { userId: string; fail: boolean }): Promise<UploadResult> {
  const response = await fetch(new URL('api/demo/jobs', apiBase), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...authHeaders() },
    body: JSON.stringify({
      userId: options.userId,
      steps: Number(params.get('steps') ?? 20),
      stepMillis: Number(params.get('stepMillis') ?? 200),
      fail: options.fail,
    }),
  });
  if (!response.ok) throw new Error(`the upload was refused (${response.status})`);
  const job = (await response.json()) as { jobId: string };
  return { jobId: job.jobId };
}
