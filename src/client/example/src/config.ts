import { webSocketService } from '@/services/WebSocketService';

/**
 * Points the shared service at the jobpulse this page belongs to. The page's query may name
 * another one (?server=https://jobs.example.com/) and a token (?token=...); by default the server
 * is the folder above the page (the example served from jobpulse) or, under the dev server, the page's
 * own origin, whose proxy forwards to jobpulse.
 */
export const params = new URLSearchParams(location.search);

const server = new URL(params.get('server') ?? import.meta.env.VITE_JOBPULSE_URL ?? '..', location.href);
const serverBase = server.href.endsWith('/') ? server.href : `${server.href}/`;

export const apiBase = serverBase;

/**
 * With security on: the token the page has now. An app's login library would refresh it; here
 * whoever renews it writes it to sessionStorage 'jobpulse-token' (the first one may come as ?token=).
 */
function currentToken(): string | null {
  return sessionStorage.getItem('jobpulse-token') ?? params.get('token');
}

webSocketService.configure({
  url: server.origin,
  path: `${new URL(serverBase).pathname}socket.io/`,
  apiBase,
  token: currentToken,
});

export function authHeaders(): Record<string, string> {
  const token = currentToken();
  return token ? { Authorization: `Bearer ${token}` } : {};
}
