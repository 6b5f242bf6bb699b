import { CreateBucketCommand, DeleteObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

export interface S3Endpoint {
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
}

export interface S3ForTests extends S3Endpoint {
  /** Where this run writes (`run-<uuid>/`): on a shared real bucket, close() removes this and nothing else. */
  prefix: string;
  close(): Promise<void>;
}

/** A client of its own on the endpoint, for what tests do behind the store's back. */
export function s3Client(s3: S3Endpoint): S3Client {
  return new S3Client({
    endpoint: s3.endpoint,
    region: s3.region,
    forcePathStyle: s3.forcePathStyle,
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
  });
}

/** Every object key under `prefix`. */
export async function listKeys(client: S3Client, bucket: string, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    keys.push(...(page.Contents ?? []).map((object) => object.Key!));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys;
}

/**
 * s3rver (an S3 REST server on the local file system) on a free port of 127.0.0.1, with a fresh
 * bucket. s3rver's built-in account is S3RVER / S3RVER; it does not verify SigV4 signatures.
 */
export async function startLocalS3(): Promise<S3Endpoint & { stop(): Promise<void> }> {
  const directory = mkdtempSync(join(tmpdir(), 'ouvidoria-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, vhostBuckets: false });
  const { port } = await server.run();
  const endpoint: S3Endpoint = {
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    bucket: `blobs-${randomUUID().slice(0, 8)}`,
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    forcePathStyle: true,
  };
  const client = s3Client(endpoint);
  try {
    await client.send(new CreateBucketCommand({ Bucket: endpoint.bucket }));
  } finally {
    client.destroy();
  }
  let stopped = false;
  return {
    ...endpoint,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/**
 * The S3 storage the integration tests talk to: a real server when S3_TEST_URL is set (with
 * S3_TEST_BUCKET, an existing bucket, S3_TEST_ACCESS_KEY_ID, S3_TEST_SECRET_ACCESS_KEY, and
 * optionally S3_TEST_REGION, default us-east-1, and S3_TEST_FORCE_PATH_STYLE, default true),
 * otherwise s3rver on this machine (startLocalS3).
 */
export async function s3ForTests(): Promise<S3ForTests> {
  const prefix = `run-${randomUUID()}/`;
  const url = process.env.S3_TEST_URL;
  if (!url) {
    const local = await startLocalS3();
    return { ...local, prefix, close: () => local.stop() };
  }
  const env = (name: string) => {
    const value = process.env[name];
    if (!value) throw new Error(`S3_TEST_URL is set: ${name} must be set too`);
    return value;
  };
  const endpoint: S3Endpoint = {
    endpoint: url,
    region: process.env.S3_TEST_REGION || 'us-east-1',
    bucket: env('S3_TEST_BUCKET'),
    accessKeyId: env('S3_TEST_ACCESS_KEY_ID'),
    secretAccessKey: env('S3_TEST_SECRET_ACCESS_KEY'),
    forcePathStyle: process.env.S3_TEST_FORCE_PATH_STYLE !== 'false',
  };
  return {
    ...endpoint,
    prefix,
    async close() {
      const client = s3Client(endpoint);
      try {
        for (const key of await listKeys(client, endpoint.bucket, prefix)) {
          await client.send(new DeleteObjectCommand({ Bucket: endpoint.bucket, Key: key }));
        }
      } finally {
        client.destroy();
      }
    },
  };
}
