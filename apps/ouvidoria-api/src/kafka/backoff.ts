/** Capped exponential backoff: 250 ms, 500 ms, 1 s, ... up to 30 s. */
export const backoffMs = (attempt: number, capMs = 30_000) => Math.min(capMs, 250 * 2 ** Math.min(attempt, 16));

/** Waits `ms`, or less if `stopped()` becomes true (checked every 50 ms). */
export async function pause(ms: number, stopped: () => boolean): Promise<void> {
  const until = Date.now() + ms;
  while (!stopped() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, Math.min(50, until - Date.now())));
}
