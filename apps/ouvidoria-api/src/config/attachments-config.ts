import type { S3BlobStoreOptions } from '../attachments/blob-store/s3-blob-store';

/** The media types a file may be, as sniffed from its first bytes (see `sniffMediaType`). */
export const SNIFFABLE_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'text/plain'] as const;

export interface AttachmentsConfig {
  maxFileBytes: number;
  maxCaseBytes: number;
  types: string[];
  /** Where the bytes go: a folder under DATA_DIR (embedded default), or S3-compatible object storage shared by instances. */
  store: { kind: 'folder' } | ({ kind: 's3' } & S3BlobStoreOptions);
}

type IntSetting = (name: string, fallback: number, min: number, max: number) => number;
const MIB = 1024 * 1024;

export function attachmentsConfig(env: NodeJS.ProcessEnv, problems: string[], int: IntSetting): AttachmentsConfig {
  const maxFileBytes = int('ATTACHMENT_MAX_MIB', 10, 1, 1024) * MIB;
  const maxCaseBytes = int('ATTACHMENT_MAX_CASE_MIB', 50, 1, 100 * 1024) * MIB;
  if (maxCaseBytes < maxFileBytes) problems.push('ATTACHMENT_MAX_CASE_MIB must be at least ATTACHMENT_MAX_MIB');
  const types = (env.ATTACHMENT_TYPES ?? SNIFFABLE_TYPES.join(','))
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  const unknown = types.filter((t) => !(SNIFFABLE_TYPES as readonly string[]).includes(t));
  if (unknown.length > 0 || types.length === 0) {
    problems.push(`ATTACHMENT_TYPES must be a comma-separated list of ${SNIFFABLE_TYPES.join(', ')}, got "${env.ATTACHMENT_TYPES}"`);
  }
  return { maxFileBytes, maxCaseBytes, types, store: storeOf(env, problems) };
}

function storeOf(env: NodeJS.ProcessEnv, problems: string[]): AttachmentsConfig['store'] {
  const bucket = env.ATTACHMENTS_S3_BUCKET;
  if (!bucket) return { kind: 'folder' };
  const accessKeyId = env.ATTACHMENTS_S3_ACCESS_KEY_ID ?? '';
  const secretAccessKey = env.ATTACHMENTS_S3_SECRET_ACCESS_KEY ?? '';
  if (!accessKeyId || !secretAccessKey) {
    problems.push('ATTACHMENTS_S3_BUCKET needs ATTACHMENTS_S3_ACCESS_KEY_ID and ATTACHMENTS_S3_SECRET_ACCESS_KEY');
  }
  const endpoint = env.ATTACHMENTS_S3_ENDPOINT || undefined;
  if (endpoint !== undefined && !URL.canParse(endpoint)) problems.push(`ATTACHMENTS_S3_ENDPOINT must be a URL, got "${endpoint}"`);
  return {
    kind: 's3',
    bucket,
    region: env.ATTACHMENTS_S3_REGION || 'us-east-1',
    endpoint,
    prefix: env.ATTACHMENTS_S3_PREFIX || undefined,
    accessKeyId,
    secretAccessKey,
    forcePathStyle: (env.ATTACHMENTS_S3_FORCE_PATH_STYLE ?? 'true') !== 'false',
  };
}
