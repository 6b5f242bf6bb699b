import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { StoreUnavailable } from '@app/event-store';
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { listKeys, s3Client, s3ForTests, startLocalS3, type S3Endpoint, type S3ForTests } from '../../../../../test/support/s3/test-url';
import { describeBlobStoreContract } from '../../../test-support/blob-store-contract';
import { S3BlobStore } from './s3-blob-store';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes);

let s3: S3ForTests;
let raw: S3Client;
beforeAll(async () => {
  s3 = await s3ForTests();
  raw = s3Client(s3);
});
afterAll(async () => {
  raw?.destroy();
  await s3?.close();
});

describeBlobStoreContract(process.env.S3_TEST_URL ? 'S3 (S3_TEST_URL)' : 'S3 (s3rver)', async () => {
  // A prefix per test: storedKeys sees this test's objects only.
  const prefix = `${s3.prefix}${randomUUID()}/`;
  const store = new S3BlobStore({ ...s3, prefix });
  return {
    store,
    storedKeys: async () => (await listKeys(raw, s3.bucket, prefix)).map((key) => key.slice(prefix.length)),
    overwrite: async (key, bytes) => {
      await raw.send(new PutObjectCommand({ Bucket: s3.bucket, Key: prefix + key, Body: bytes }));
    },
    close: () => store.close(),
  };
});

/** An endpoint answering every request with `status` and an S3 error `code`; it records what it was sent. */
async function failingEndpoint(status: number, code: string) {
  const requests: Array<{ method?: string; headers: IncomingHttpHeaders }> = [];
  const server = createServer((request, response) => {
    requests.push({ method: request.method, headers: request.headers });
    request.resume().on('end', () => {
      response.writeHead(status, { 'content-type': 'application/xml' });
      response.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>test</Message></Error>`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint: S3Endpoint = {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    region: 'us-east-1',
    bucket: 'blobs',
    accessKeyId: 'test',
    secretAccessKey: 'test',
    forcePathStyle: true,
  };
  return { endpoint, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('S3BlobStore when the storage fails', () => {
  const unreachable = { name: 'StoreUnavailable', reason: 'unreachable' };

  it('fails put and get with StoreUnavailable(unreachable) once the server is stopped, after maxAttempts tries', async () => {
    const local = await startLocalS3();
    const store = new S3BlobStore({ ...local, maxAttempts: 2 });
    try {
      const key = await store.put(Buffer.from('stored before the outage'));
      await local.stop();
      const started = Date.now();
      const failure = await store.get(key).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(StoreUnavailable);
      expect(failure).toMatchObject({ ...unreachable, cause: { $metadata: { attempts: 2 } } });
      await expect(store.put(Buffer.from('during the outage'))).rejects.toMatchObject(unreachable);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await store.close();
      await local.stop();
    }
  });

  it.each([
    [503, 'SlowDown'],
    [500, 'InternalError'],
  ])('fails put, get and delete with StoreUnavailable(unreachable) on %s %s', async (status, code) => {
    const server = await failingEndpoint(status, code);
    const store = new S3BlobStore({ ...server.endpoint, maxAttempts: 1 });
    try {
      const bytes = Buffer.from('an attachment');
      const key = sha256(bytes).digest('hex');
      await expect(store.put(bytes)).rejects.toMatchObject(unreachable);
      await expect(store.get(key)).rejects.toMatchObject(unreachable);
      await expect(store.delete(key)).rejects.toMatchObject(unreachable);
      expect(server.requests.map((request) => request.method)).toEqual(['PUT', 'GET', 'DELETE']);
    } finally {
      await store.close();
      await server.close();
    }
  });

  it('leaves a refusal that retrying will not fix (403 AccessDenied) as the SDK error', async () => {
    const server = await failingEndpoint(403, 'AccessDenied');
    const store = new S3BlobStore({ ...server.endpoint, maxAttempts: 1 });
    try {
      const failure = await store.put(Buffer.from('an attachment')).catch((error: unknown) => error);
      expect(failure).not.toBeInstanceOf(StoreUnavailable);
      expect(failure).toMatchObject({ name: 'AccessDenied' });
    } finally {
      await store.close();
      await server.close();
    }
  });

  it('sends the SHA-256 of the bytes with the put, for the server to verify (s3rver does not)', async () => {
    const server = await failingEndpoint(503, 'SlowDown');
    const store = new S3BlobStore({ ...server.endpoint, prefix: 'attachments/', maxAttempts: 1 });
    try {
      const bytes = Buffer.from('an attachment');
      await store.put(bytes).catch(() => undefined);
      expect(server.requests[0].headers['x-amz-checksum-sha256']).toBe(sha256(bytes).digest('base64'));
    } finally {
      await store.close();
      await server.close();
    }
  });
});
