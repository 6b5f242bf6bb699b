import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bearer } from './support/auth';
import { complaint } from './support/fixtures';
import { call, get, post, type HttpResult } from './support/http';
import { expectProblem } from './support/problem';
import { listKeys, s3Client, s3ForTests, type S3ForTests } from './support/s3/test-url';
import { startTestApp, type TestApp } from './support/test-app';

const MIB = 1024 * 1024;
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('laudo: ressonância autorizada\n'), Buffer.alloc(3000, 0x41)]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(500, 7)]);
const EXE = Buffer.concat([Buffer.from([0x4d, 0x5a, 0x90, 0x00]), Buffer.alloc(500, 0)]);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A multipart upload as a browser sends it: the name and the declared type are the client's to lie about. */
async function upload(
  url: string,
  path: string,
  bytes: Buffer,
  name: string,
  headers: Record<string, string> = {},
  declared = 'application/pdf',
): Promise<HttpResult> {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type: declared }), name);
  const response = await fetch(url + path, { method: 'POST', body: form, headers });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

/** Every file under a folder. */
const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? filesUnder(join(dir, name)) : [join(dir, name)]));

describe('attachments', () => {
  let app: TestApp;
  let ouvidoria: Record<string, string>;
  beforeAll(async () => {
    app = await startTestApp('2026-04-01T10:00:00-03:00', { ATTACHMENT_MAX_MIB: '1', ATTACHMENT_MAX_CASE_MIB: '2', RETENTION_YEARS: '0' });
    ouvidoria = await bearer('ouvidoria', 'analista');
  });
  afterAll(() => app.close());

  const register = async (overrides = {}) =>
    (await post(app.url, '/manifestations', complaint(overrides))).body as { protocol: string; accessCode: string };

  it('stores a file sealed, records its name, sniffed type, size and SHA-256, and serves it back as an attachment', async () => {
    const { protocol } = await register();
    const added = await upload(app.url, `/manifestations/${protocol}/attachments`, PDF, 'laudo-maria.pdf', ouvidoria);
    expect(added.status).toBe(201);
    expect(added.body).toEqual({
      attachmentId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'laudo-maria.pdf',
      mediaType: 'application/pdf',
      size: PDF.length,
      sha256: sha256(PDF),
      addedBy: 'OUVIDORIA',
      addedAt: '2026-04-01T10:00:00.000-03:00',
    });
    expect(added.headers.get('location')).toBe(`/manifestations/${protocol}/attachments/${added.body.attachmentId}`);
    expect(added.headers.get('etag')).toBe('"1"');

    const response = await fetch(app.url + added.headers.get('location'), { headers: ouvidoria });
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(PDF)).toBe(true);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="laudo-maria.pdf"; filename*=UTF-8''laudo-maria.pdf`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');

    // On disk only sealed bytes: neither the file's text nor its hash as a file name.
    const stored = filesUnder(join(app.dataDir, 'attachments'));
    expect(stored.some((f) => readFileSync(f).includes('ressonância autorizada'))).toBe(false);
    const view = (await get(app.url, `/manifestations/${protocol}`)).body;
    expect(view.attachments).toEqual([added.body]);
  });

  it('judges the type by the bytes: a PNG named .pdf is a PNG, an executable named .pdf is refused (415)', async () => {
    const { protocol } = await register();
    const png = await upload(app.url, `/manifestations/${protocol}/attachments`, PNG, 'foto.pdf', ouvidoria);
    expect(png.body.mediaType).toBe('image/png');
    const exe = await upload(app.url, `/manifestations/${protocol}/attachments`, EXE, 'laudo.pdf', ouvidoria);
    expectProblem(exe, 415, 'ATTACHMENT_TYPE_NOT_ALLOWED');
    const raw = await call(app.url, 'POST', `/manifestations/${protocol}/attachments`, { json: { file: 'x' } });
    expectProblem(raw, 415, 'MULTIPART_REQUIRED');
    expect((await get(app.url, `/manifestations/${protocol}`)).body.attachments).toHaveLength(1);
  });

  it('refuses a file over the limit and a case over its total with 413, and an empty file with 400', async () => {
    const { protocol } = await register();
    const path = `/manifestations/${protocol}/attachments`;
    expectProblem(await upload(app.url, path, Buffer.alloc(MIB + 1, 0x61), 'big.txt', ouvidoria), 413, 'ATTACHMENT_TOO_LARGE');
    const part = Buffer.alloc(Math.floor(0.9 * MIB), 0x61);
    expect((await upload(app.url, path, part, 'a.txt', ouvidoria)).status).toBe(201);
    expect((await upload(app.url, path, part, 'b.txt', ouvidoria)).status).toBe(201);
    expectProblem(await upload(app.url, path, part, 'c.txt', ouvidoria), 413, 'CASE_ATTACHMENTS_FULL');
    expectProblem(await upload(app.url, path, Buffer.alloc(0), 'empty.txt', ouvidoria), 400, 'EMPTY_FILE');
    expect((await get(app.url, `/manifestations/${protocol}`)).body.attachments.map((a: { name: string }) => a.name)).toEqual([
      'a.txt',
      'b.txt',
    ]);
  });

  it('keeps no file of an upload the case refused, when uploads race for its last room', async () => {
    const { protocol } = await register();
    const before = filesUnder(join(app.dataDir, 'attachments')).length;
    const part = Buffer.alloc(Math.floor(0.9 * MIB), 0x62);
    const answers = await Promise.all(
      [1, 2, 3, 4].map((i) =>
        upload(app.url, `/manifestations/${protocol}/attachments`, Buffer.concat([part, Buffer.from(`${i}`)]), `${i}.txt`, ouvidoria),
      ),
    );
    // Two fit; the others are refused as over the case's total, or as a race lost twice (409, retry).
    expect(answers.filter((a) => a.status === 201)).toHaveLength(2);
    for (const refused of answers.filter((a) => a.status !== 201)) {
      expect([`413 CASE_ATTACHMENTS_FULL`, '409 CONCURRENT_MODIFICATION']).toContain(`${refused.status} ${refused.body.code}`);
    }
    expect(filesUnder(join(app.dataDir, 'attachments')).length).toBe(before + 2);
  });

  it('offers any name for download, quotes, parentheses and emoji included, without breaking the header', async () => {
    const { protocol } = await register();
    const name = `laudo (1)'s ${'x'.repeat(242)}😀😀.pdf`;
    const added = await upload(app.url, `/manifestations/${protocol}/attachments`, PDF, name, ouvidoria);
    expect(added.status).toBe(201);
    const response = await fetch(app.url + added.headers.get('location'), { headers: ouvidoria });
    expect(response.status).toBe(200);
    const disposition = response.headers.get('content-disposition')!;
    expect(Array.from(added.body.name)).toHaveLength(255);
    expect(disposition).toMatch(/^attachment; filename="laudo \(1\)'s x+_+"; filename\*=/);
    const encoded = /filename\*=UTF-8''(.+)$/.exec(disposition)![1];
    expect(encoded).toMatch(/^[A-Za-z0-9%!._~-]+$/);
    expect(decodeURIComponent(encoded)).toBe(added.body.name);
  });

  it('refuses a second file in one upload (400 ONE_FILE_ONLY) and keeps neither', async () => {
    const { protocol } = await register();
    const form = new FormData();
    form.append('file', new Blob([PDF]), 'a.pdf');
    form.append('file', new Blob([PNG]), 'b.png');
    const res = await fetch(`${app.url}/manifestations/${protocol}/attachments`, { method: 'POST', body: form, headers: ouvidoria });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe('ONE_FILE_ONLY');
    expect((await get(app.url, `/manifestations/${protocol}`)).body.attachments).toEqual([]);
  });

  it('lets a department see and download only the attachments its forwarding shares', async () => {
    const { protocol } = await register();
    const path = `/manifestations/${protocol}`;
    const shared = (await upload(app.url, `${path}/attachments`, PDF, 'laudo.pdf', ouvidoria)).body.attachmentId;
    const kept = (await upload(app.url, `${path}/attachments`, PNG, 'rg.png', ouvidoria)).body.attachmentId;
    expectProblem(
      await post(app.url, `${path}/forwardings`, {
        department: 'regulacao',
        instructions: 'Rever',
        attachments: ['00000000-0000-4000-8000-000000000000'],
      }),
      400,
      'VALIDATION_FAILED',
    );
    const forwarded = await post(app.url, `${path}/forwardings`, { department: 'regulacao', instructions: 'Rever', attachments: [shared] });
    expect(forwarded.body.forwardings[0].attachmentIds).toEqual([shared]);

    const department = await bearer('department', 'reg-1', 'regulacao');
    const seen = await get(app.url, path, department);
    expect(seen.body.attachments.map((a: { attachmentId: string }) => a.attachmentId)).toEqual([shared]);
    expect((await fetch(`${app.url}${path}/attachments/${shared}`, { headers: department })).status).toBe(200);
    expectProblem(await get(app.url, `${path}/attachments/${kept}`, department), 404, 'ATTACHMENT_NOT_FOUND');
    const other = await bearer('department', 'fin-1', 'financeiro');
    expectProblem(await get(app.url, `${path}/attachments/${shared}`, other), 404, 'ATTACHMENT_NOT_FOUND');
  });

  it('takes a document from the requester with the access code, and refuses a wrong code', async () => {
    const { protocol, accessCode } = await register();
    const added = await upload(app.url, `/public/manifestations/${protocol}/attachments`, PDF, 'receita.pdf', {
      'x-access-code': accessCode,
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ name: 'receita.pdf', addedBy: 'REQUESTER', sha256: sha256(PDF) });
    const wrong = await upload(app.url, `/public/manifestations/${protocol}/attachments`, PDF, 'x.pdf', {
      'x-access-code': 'AAAA-AAAA-AAAA',
    });
    expectProblem(wrong, 404, 'MANIFESTATION_NOT_FOUND');
    expect((await get(app.url, `/manifestations/${protocol}`)).body.attachments).toHaveLength(1);
  });

  it('never serves a file changed on disk: its SHA-256 is checked (503 ATTACHMENT_DAMAGED)', async () => {
    const { protocol } = await register();
    const before = new Set(filesUnder(join(app.dataDir, 'attachments')));
    const added = await upload(app.url, `/manifestations/${protocol}/attachments`, PDF, 'laudo.pdf', ouvidoria);
    const file = filesUnder(join(app.dataDir, 'attachments')).find((f) => !before.has(f))!;
    const bytes = readFileSync(file);
    bytes[bytes.length - 20] ^= 0xff;
    writeFileSync(file, bytes);
    expectProblem(await get(app.url, `/manifestations/${protocol}/attachments/${added.body.attachmentId}`), 503, 'ATTACHMENT_DAMAGED');
  });

  it("removes an erased requester's files from disk; the file then reads as erased (410)", async () => {
    const { protocol } = await register({
      requester: { kind: 'BENEFICIARIO', name: 'Filomena', document: '111.444.777-35', email: 'f@example.com' },
    });
    const before = new Set(filesUnder(join(app.dataDir, 'attachments')));
    const added = await upload(app.url, `/manifestations/${protocol}/attachments`, PDF, 'laudo-filomena.pdf', ouvidoria);
    const file = filesUnder(join(app.dataDir, 'attachments')).find((f) => !before.has(f))!;
    await post(app.url, `/manifestations/${protocol}/answer`, { text: 'Autorizado', outcome: 'PROCEDENTE' });
    await post(app.url, `/manifestations/${protocol}/close`, { reason: 'RESPONDIDA' });

    const erased = await post(app.url, '/data-subjects/erasure', { document: '111.444.777-35' }, await bearer('dpo', 'encarregado'));
    expect(erased.body).toMatchObject({ status: 'ERASED', protocols: [protocol] });
    expect(filesUnder(join(app.dataDir, 'attachments'))).not.toContain(file);
    expectProblem(await get(app.url, `/manifestations/${protocol}/attachments/${added.body.attachmentId}`), 410, 'ATTACHMENT_ERASED');
    expect((await get(app.url, `/manifestations/${protocol}`)).body.attachments[0]).toMatchObject({
      name: '[erased]',
      sha256: '[erased]',
      size: PDF.length,
    });
  });
});

describe('attachments on S3-compatible storage', () => {
  let app: TestApp;
  let s3: S3ForTests;
  beforeAll(async () => {
    s3 = await s3ForTests();
    app = await startTestApp('2026-04-01T10:00:00-03:00', {
      RETENTION_YEARS: '0',
      ATTACHMENTS_S3_BUCKET: s3.bucket,
      ATTACHMENTS_S3_ENDPOINT: s3.endpoint,
      ATTACHMENTS_S3_REGION: s3.region,
      ATTACHMENTS_S3_PREFIX: s3.prefix,
      ATTACHMENTS_S3_ACCESS_KEY_ID: s3.accessKeyId,
      ATTACHMENTS_S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
    });
  });
  afterAll(async () => {
    await app.close();
    await s3.close();
  });

  it('keeps the sealed file in the bucket, not under DATA_DIR, serves it, and deletes it when the requester is erased', async () => {
    const ouvidoria = await bearer('ouvidoria', 'analista');
    const requester = { kind: 'BENEFICIARIO', name: 'Filomena', document: '111.444.777-35', email: 'f@example.com' };
    const { protocol } = (await post(app.url, '/manifestations', complaint({ requester }))).body;
    const added = await upload(app.url, `/manifestations/${protocol}/attachments`, PDF, 'laudo.pdf', ouvidoria);
    expect(added.status).toBe(201);
    const client = s3Client(s3);
    const keys = await listKeys(client, s3.bucket, s3.prefix);
    expect(keys).toHaveLength(1);
    expect(existsSync(join(app.dataDir, 'attachments'))).toBe(false);
    const response = await fetch(`${app.url}/manifestations/${protocol}/attachments/${added.body.attachmentId}`, { headers: ouvidoria });
    expect(Buffer.from(await response.arrayBuffer()).equals(PDF)).toBe(true);

    await post(app.url, `/manifestations/${protocol}/close`, { reason: 'DESISTENCIA' });
    const erased = await post(app.url, '/data-subjects/erasure', { document: '111.444.777-35' }, await bearer('dpo', 'encarregado'));
    expect(erased.body.status).toBe('ERASED');
    expect(await listKeys(client, s3.bucket, s3.prefix)).toEqual([]);
    client.destroy();
  });
});
