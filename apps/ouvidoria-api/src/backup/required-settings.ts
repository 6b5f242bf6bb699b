import type { AppConfig } from '../config/app-config';

/**
 * The settings a backup depends on that are kept in the environment rather than in DATA_DIR (when
 * they are not set, what they stand for is a file in DATA_DIR, and in the backup): a server
 * started on the restored folder needs the same ones.
 */
export function requiredSettings(config: AppConfig): string[] {
  return [
    // The data keys in keys.sqlite are sealed with it: without it they do not open.
    config.personalData.keyEncryptionKey ? 'KEY_ENCRYPTION_KEY' : null,
    // Data subjects are named by pseudonyms made with it: another one finds none of them by document.
    config.personalData.secret ? 'PERSONAL_DATA_SECRET' : null,
    config.auth.secret ? 'JWT_SECRET' : null,
    // The attachment files are in the bucket, not in DATA_DIR: back the bucket up by its own means.
    config.attachments.store.kind === 's3' ? 'ATTACHMENTS_S3_BUCKET' : null,
  ].filter((name): name is string => name !== null);
}

/** One line for the operator, or none when the backup depends on nothing outside it. */
export function describeRequired(required: string[]): string | null {
  if (required.length === 0) return null;
  const bucket = required.includes('ATTACHMENTS_S3_BUCKET') ? '; the attachment files are in that bucket, not in this backup' : '';
  return `a server on the restored DATA_DIR needs the same ${required.join(', ')} as where the backup was taken (they are settings, not files)${bucket}`;
}
