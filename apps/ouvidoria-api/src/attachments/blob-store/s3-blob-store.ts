import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { StoreUnavailable } from '@app/event-store';
import { createHash } from 'node:crypto';
import { assertBlobKey, BlobDamaged, blobKeyOf, type BlobStore } from './blob-store';

export interface S3BlobStoreOptions {
  /** For S3-compatible storage (MinIO, Ceph, ...); AWS's own endpoint for the region when absent. */
  endpoint?: string;
  region: string;
  bucket: string;
  /** Prepended to every object key as is (e.g. `attachments/`); none by default. */
  prefix?: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `bucket` in the path rather than in the host name (MinIO and most S3-compatible servers). */
  forcePathStyle: boolean;
  /** Tries per request, the first included, before failing with StoreUnavailable (3 by default). */
  maxAttempts?: number;
}

/** Low-level errors of the connection: the storage cannot be reached, whatever the request. */
const NETWORK = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const NETWORK_IN_MESSAGE = new RegExp(`\\b(${[...NETWORK].join('|')})\\b`);
/** S3 error codes for "too busy, try later" (some servers send them with a 4xx status). */
const THROTTLING = new Set([
  'SlowDown',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'RequestTimeout',
  'ServiceUnavailable',
]);

/**
 * Attachment bytes as objects of an S3-compatible bucket, for installs that run several instances
 * or keep no durable local disk. Object key: `prefix + sha256`. A put resolves once the server has
 * acknowledged the object. The storage failing or out of reach (network errors, 5xx, throttling,
 * after the client's retries) is `StoreUnavailable('unreachable')`; any other refusal (credentials,
 * missing bucket) is the SDK's error, unchanged, since retrying will not fix it.
 */
export class S3BlobStore implements BlobStore {
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;

  constructor(options: S3BlobStoreOptions) {
    this.bucket = options.bucket;
    this.prefix = options.prefix ?? '';
    this.client = new S3Client({
      endpoint: options.endpoint,
      region: options.region,
      forcePathStyle: options.forcePathStyle,
      credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
      maxAttempts: options.maxAttempts ?? 3,
      requestHandler: { connectionTimeout: 5_000, socketTimeout: 30_000 },
    });
  }

  async put(bytes: Buffer): Promise<string> {
    const digest = createHash('sha256').update(bytes).digest();
    const key = digest.toString('hex');
    // ChecksumSHA256: AWS S3 and MinIO recompute it and refuse the object (BadDigest) if the bytes
    // changed on the way. s3rver, the local test server, ignores the header, so the suite checks
    // only that it is sent (against a fake endpoint), not that a server enforces it.
    const command = new PutObjectCommand({
      Bucket: this.bucket,
      Key: this.prefix + key,
      Body: bytes,
      ContentLength: bytes.length,
      ContentType: 'application/octet-stream',
      ChecksumSHA256: digest.toString('base64'),
    });
    await this.call(() => this.client.send(command));
    return key;
  }

  async get(key: string): Promise<Buffer | null> {
    assertBlobKey(key);
    const bytes = await this.call(async () => {
      try {
        const response = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.prefix + key }));
        return response.Body ? Buffer.from(await response.Body.transformToByteArray()) : Buffer.alloc(0);
      } catch (error) {
        if ((error as Error).name === 'NoSuchKey') return null;
        throw error;
      }
    });
    if (bytes !== null && blobKeyOf(bytes) !== key) throw new BlobDamaged(key);
    return bytes;
  }

  /** S3 answers a delete of a missing object with success too. */
  async delete(key: string): Promise<void> {
    assertBlobKey(key);
    await this.call(() => this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.prefix + key })));
  }

  async close(): Promise<void> {
    this.client.destroy();
  }

  private async call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw asStoreError(error);
    }
  }
}

/**
 * Network error codes are looked for in the message too: the SDK re-wraps an error that is not an
 * `Error` of its own realm (as under jest) into a new Error that keeps only the message.
 */
function asStoreError(error: unknown): unknown {
  if (typeof error !== 'object' || error === null) return error;
  const { name, message, code, $metadata, $retryable } = error as {
    name?: unknown;
    message?: unknown;
    code?: unknown;
    $metadata?: { httpStatusCode?: number };
    $retryable?: { throttling?: boolean };
  };
  const status = $metadata?.httpStatusCode;
  const unreachable =
    (typeof code === 'string' && NETWORK.has(code)) ||
    (typeof message === 'string' && NETWORK_IN_MESSAGE.test(message)) ||
    name === 'TimeoutError' ||
    (typeof name === 'string' && THROTTLING.has(name)) ||
    $retryable?.throttling === true ||
    (status !== undefined && (status >= 500 || status === 429));
  return unreachable ? new StoreUnavailable('unreachable', `object storage: ${String(name)}: ${String(message)}`, { cause: error }) : error;
}
