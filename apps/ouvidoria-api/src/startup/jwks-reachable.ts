import { StartupFailure } from './startup-failure';

/**
 * The identity provider's key set answers at start: without it no token can be checked, and a
 * server that starts anyway would refuse every caller. Later outages do not stop the server
 * (the verifier keeps the keys it has and answers 503 while it cannot fetch new ones).
 */
export async function checkJwksReachable(url: URL, timeoutMs = 5000): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    throw new StartupFailure(`JWT_JWKS_URL ${url.href} does not answer (${cause}): is the identity provider up and reachable from here?`);
  }
  if (!response.ok) throw new StartupFailure(`JWT_JWKS_URL ${url.href} answered ${response.status}: check the URL`);
  let keys: unknown;
  try {
    keys = ((await response.json()) as { keys?: unknown }).keys;
  } catch {
    keys = undefined;
  }
  if (!Array.isArray(keys)) throw new StartupFailure(`JWT_JWKS_URL ${url.href} is not a JSON Web Key Set (no "keys" array): check the URL`);
}
