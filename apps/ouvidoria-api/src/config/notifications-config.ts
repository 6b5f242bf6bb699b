/** Where requester notifications go besides Kafka (when configured): an HTTP endpoint the operator runs. */
export interface NotificationsConfig {
  webhook?: { url: URL; secret: string };
  /** The longest wait between two attempts at a failing endpoint. */
  retryMaxMs: number;
  /** How long the delivering instance's lease lasts unrenewed: after a crash, delivery resumes within this. */
  leaseMs: number;
}

type IntSetting = (name: string, fallback: number, min: number, max: number) => number;

/** HMAC-SHA256 wants at least 256 bits of key. */
const MIN_SECRET_LENGTH = 32;

export function notificationsConfig(env: NodeJS.ProcessEnv, problems: string[], int: IntSetting): NotificationsConfig {
  const retryMaxMs = int('NOTIFY_RETRY_MAX_SECONDS', 60, 1, 3600) * 1000;
  const leaseMs = int('NOTIFY_LEASE_SECONDS', 30, 2, 600) * 1000;
  const raw = env.NOTIFY_WEBHOOK_URL;
  if (!raw) {
    if (env.NOTIFY_WEBHOOK_SECRET) problems.push('NOTIFY_WEBHOOK_SECRET is set but NOTIFY_WEBHOOK_URL is not');
    return { retryMaxMs, leaseMs };
  }
  const url = URL.canParse(raw) ? new URL(raw) : null;
  // Notifications carry the requester's contact in clear: https, unless on this machine.
  const loopback = url !== null && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (!(url?.protocol === 'https:' || (url?.protocol === 'http:' && loopback))) {
    problems.push(`NOTIFY_WEBHOOK_URL must be an https URL (http only on localhost), got "${raw}"`);
    return { retryMaxMs, leaseMs };
  }
  const secret = env.NOTIFY_WEBHOOK_SECRET ?? '';
  if (secret.length < MIN_SECRET_LENGTH) {
    problems.push(`NOTIFY_WEBHOOK_SECRET must be at least ${MIN_SECRET_LENGTH} characters: the webhook's requests are signed with it`);
    return { retryMaxMs, leaseMs };
  }
  return { webhook: { url, secret }, retryMaxMs, leaseMs };
}
