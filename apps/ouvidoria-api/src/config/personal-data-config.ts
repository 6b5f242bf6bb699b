/** How personal data are sealed (see docs/personal-data.md). */
export interface PersonalDataConfig {
  /** The pseudonym secret (`PERSONAL_DATA_SECRET`); absent: the one kept in `DATA_DIR/personal-data-secret`. */
  secret?: string;
  /** Seals every data key at rest (`KEY_ENCRYPTION_KEY`, 32 bytes as 64 hex digits or base64). */
  keyEncryptionKey?: Buffer;
  /** Years a closed case's personal data are kept (`RETENTION_YEARS`), counted from its closing. */
  retentionYears: number;
  /** How often the server destroys the keys of subjects past retention (`RETENTION_CHECK_MINUTES`). */
  retentionCheckMs: number;
}

type IntSetting = (name: string, fallback: number, min: number, max: number) => number;

export const MIN_PSEUDONYM_SECRET_LENGTH = 32;

/** `shared`: several instances on one store must agree on the secret, and keys kept in the cluster must be sealed. */
export function personalDataConfig(env: NodeJS.ProcessEnv, problems: string[], shared: boolean, int: IntSetting): PersonalDataConfig {
  const config: PersonalDataConfig = {
    // RN 623/2024 keeps request records 2 years, or 5 when a complaint was filed: 5 covers both.
    retentionYears: int('RETENTION_YEARS', 5, 0, 100),
    retentionCheckMs: int('RETENTION_CHECK_MINUTES', 60, 1, 7 * 24 * 60) * 60_000,
  };
  if (env.PERSONAL_DATA_SECRET) {
    if (env.PERSONAL_DATA_SECRET.length < MIN_PSEUDONYM_SECRET_LENGTH) {
      problems.push(`PERSONAL_DATA_SECRET must be at least ${MIN_PSEUDONYM_SECRET_LENGTH} characters`);
    } else config.secret = env.PERSONAL_DATA_SECRET;
  }
  if (env.KEY_ENCRYPTION_KEY) {
    const text = env.KEY_ENCRYPTION_KEY.trim();
    const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
    if (key.length !== 32 || (!/^[0-9a-fA-F]{64}$/.test(text) && key.toString('base64').replace(/=+$/, '') !== text.replace(/=+$/, ''))) {
      problems.push('KEY_ENCRYPTION_KEY must be 32 bytes: 64 hex digits, or base64 (e.g. openssl rand -base64 32)');
    } else config.keyEncryptionKey = key;
  }
  if (shared && !env.PERSONAL_DATA_SECRET) {
    problems.push(
      'EVENT_STORE=kurrentdb needs PERSONAL_DATA_SECRET, the same on every instance (after store:copy: the content of DATA_DIR/personal-data-secret)',
    );
  }
  if (shared && !env.KEY_ENCRYPTION_KEY) {
    problems.push(
      'EVENT_STORE=kurrentdb needs KEY_ENCRYPTION_KEY, the same on every instance: data keys are kept in the cluster, sealed with it',
    );
  }
  return config;
}
