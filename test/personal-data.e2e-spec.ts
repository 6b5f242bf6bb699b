import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@app/event-store';
import { newEvent } from '../libs/event-store/test-support/new-event';
import { cli } from './support/cli';
import { complaint } from './support/fixtures';
import { get, post } from './support/http';
import { kill9, runServerToExit, startServerProcess } from './support/server-process';

/** The event log's files, as bytes read as text. */
const logFiles = (dir: string) =>
  readdirSync(dir)
    .filter((file) => file.startsWith('events.sqlite'))
    .map((file) => readFileSync(join(dir, file)).toString('latin1'))
    .join('\n');
const latin1 = (text: string) => Buffer.from(text, 'utf8').toString('latin1');

/** A server on the embedded store keeps a requester's data out of the log in clear, and serves them. */
describe('personal data in the embedded log', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'ouvidoria-personal-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const env = () => ({ DATA_DIR: dir, OPERATOR_ANS_REGISTRATION: '123456' });
  const requester = {
    kind: 'BENEFICIARIO',
    name: 'Filomena Carnaubeira',
    document: '52998224725',
    email: 'filomena.carnaubeira@example.com',
  };
  const description = 'Quimioterapia negada à Filomena Carnaubeira';

  it('stores the requester and the texts sealed, serves them in clear, and the chains verify', async () => {
    const server = await startServerProcess(env());
    let protocol: string;
    try {
      const registered = await post(server.url, '/manifestations', complaint({ requester, description }));
      expect(registered.status).toBe(201);
      protocol = registered.body.protocol;
      await post(server.url, `/manifestations/${protocol}/answer`, { text: 'Carnaubeira: tratamento autorizado', outcome: 'PROCEDENTE' });
      const view = (await get(server.url, `/manifestations/${protocol}`)).body;
      expect(view.requester).toMatchObject({ name: requester.name, document: requester.document, email: requester.email });
      expect(view.description).toBe(description);
      expect((await get(server.url, `/manifestations/${protocol}/verify`)).body).toMatchObject({ intact: true, events: 2 });
    } finally {
      await kill9(server.child);
    }
    const log = logFiles(dir);
    for (const value of ['Filomena', 'Carnaubeira', requester.document, requester.email]) expect(log).not.toContain(latin1(value));
    expect(log).toContain('RECLAMACAO');
    expect(cli(dir, 'audit:verify').status).toBe(0);
    const replay = cli(dir, 'audit:replay', protocol);
    expect(replay.status).toBe(0);

    // After kill -9 and a restart everything is there, opened with the same keys.
    const again = await startServerProcess(env());
    try {
      expect((await get(again.url, `/manifestations/${protocol}`)).body.requester.name).toBe(requester.name);
    } finally {
      await kill9(again.child);
    }
  });

  it('refuses to start when the key file is gone, in one line, rather than show every value as erased', async () => {
    for (const file of readdirSync(dir).filter((f) => f.startsWith('keys.sqlite'))) rmSync(join(dir, file));
    const { code, output } = await runServerToExit(env());
    expect(code).toBe(1);
    expect(output).toMatch(
      /keys\.sqlite is missing but the event log holds personal data sealed with its keys: restore it from the backup/,
    );
    expect(output).not.toMatch(/\n\s+at /);
  });

  it('refuses a log written before personal data were sealed, and one of an unknown format, saying what to do', async () => {
    const older = mkdtempSync(join(tmpdir(), 'ouvidoria-older-'));
    try {
      const log = new SqliteEventStore({ file: join(older, 'events.sqlite') });
      await log.append('manifestation-12345620260401000001', [newEvent('ManifestationClosed', { reason: 'RESPONDIDA' })], 'no_stream');
      await log.close();
      const before = await runServerToExit({ DATA_DIR: older });
      expect(before.code).toBe(1);
      expect(before.output).toMatch(
        /written by an earlier version of this product, with personal data in clear .* Start with an empty DATA_DIR/,
      );

      const newer = new SqliteEventStore({ file: join(older, 'events.sqlite') });
      await newer.append('store-format', [newEvent('StoredFormatRecorded', { version: 3 })], 'no_stream');
      await newer.close();
      const after = await runServerToExit({ DATA_DIR: older });
      expect(after.code).toBe(1);
      expect(after.output).toMatch(/stored format 3, written by another version of this product/);
      expect(after.output).not.toMatch(/\n\s+at /);
    } finally {
      rmSync(older, { recursive: true, force: true });
    }
  });
});
