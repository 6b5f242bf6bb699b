import { ERASED, manifestationStreamId, type ManifestationEvent } from '@app/domain';
import { DamagedEvent, SqliteEventStore } from '@app/event-store';
import type Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { forwarded, registered, replied } from '../../../../libs/domain/test-support/manifestation-fixtures';
import { newEvent } from '../../../../libs/event-store/test-support/new-event';
import { EncryptingEventStore } from '../personal-data/encrypting-event-store';
import { SqliteKeyStore } from '../personal-data/sqlite-key-store';
import { SubjectPseudonyms } from '../personal-data/subject-pseudonyms';
import { rebuildProjection } from '../projections/rebuild-projection';
import { ReadModelDirectory } from '../projections/read-model-storage';
import { DEPARTMENT_INBOX, DepartmentInboxProjection } from './department-inbox.projection';
import { DepartmentInboxReader } from './department-inbox.reader';
import { openInboxPage } from './open-inbox-page';

const P = '12345620260401000001';
const FW = '00000000-0000-4000-8000-000000000001';
const NAME = 'Quitéria Umbuzeiro';
const EMAIL = 'quiteria.umbuzeiro@example.com';
const CPF = '52998224725';

/** The inbox built from a sealed log, as the server builds it: from the log as stored, opened by its query. */
describe('department inbox on a sealed log (real SQLite files)', () => {
  let dir: string;
  let raw: SqliteEventStore;
  let keys: SqliteKeyStore;
  let store: EncryptingEventStore;
  let db: Database.Database;
  const storage = () => new ReadModelDirectory(join(dir, 'read-models'));
  const append = (revision: bigint | 'no_stream', event: ManifestationEvent) =>
    store.append(manifestationStreamId(P), [newEvent(event.type, event.data)], revision);
  const inbox = async () => {
    const reader = new DepartmentInboxReader(() => db);
    return (await openInboxPage(reader.list('regulacao', { limit: 10 }), store)).items;
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'inbox-sealed-'));
    raw = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    keys = await SqliteKeyStore.open(join(dir, 'keys.sqlite'), raw);
    store = new EncryptingEventStore(raw, keys, new SubjectPseudonyms(randomBytes(32)));
    const requester = { kind: 'BENEFICIARIO' as const, anonymous: false, name: NAME, email: EMAIL, document: CPF };
    await append('no_stream', registered({ protocol: P, requester, subject: 'Exame Umbuzeiro', description: 'relato Umbuzeiro' }));
    const forwarding = forwarded(FW, 'regulacao');
    await append(0n, { ...forwarding, data: { ...forwarding.data, instructions: 'ver laudo Umbuzeiro', shareRequesterContact: true } });
    const reply = replied(FW, 'regulacao');
    await append(1n, { ...reply, data: { ...reply.data, text: 'parecer Umbuzeiro' } });
    await rebuildProjection(store.storedLog(), storage(), new DepartmentInboxProjection());
    db = storage().open(DEPARTMENT_INBOX, storage().activeVersion(DEPARTMENT_INBOX));
  });
  afterEach(async () => {
    db.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every personal value sealed in its file, and its query opens what the department may see', async () => {
    db.pragma('wal_checkpoint(TRUNCATE)');
    const files = readdirSync(join(dir, 'read-models')).map((f) => readFileSync(join(dir, 'read-models', f)).toString('latin1'));
    for (const text of [NAME.split(' ')[1], EMAIL, CPF, 'Umbuzeiro']) expect(files.join('\n')).not.toContain(text);
    const [item] = await inbox();
    expect(item).toMatchObject({
      subject: 'Exame Umbuzeiro',
      description: 'relato Umbuzeiro',
      instructions: 'ver laudo Umbuzeiro',
      requester: { kind: 'BENEFICIARIO', name: NAME, email: EMAIL, document: CPF },
      reply: { text: 'parecer Umbuzeiro' },
    });
    expect(JSON.stringify(item)).not.toContain('[sealed]');
  });

  it('answers [erased] for every personal value once the subject is shredded, before the erasure is even applied', async () => {
    const [registration] = await raw.readStream(manifestationStreamId(P));
    await store.shred((registration.metadata.personalData as { subject: string }).subject);
    const [item] = await inbox();
    expect(item).toMatchObject({
      subject: ERASED,
      description: ERASED,
      instructions: ERASED,
      requester: { kind: 'BENEFICIARIO', name: ERASED, email: ERASED, document: ERASED },
      reply: { text: ERASED },
    });
  });

  it('reports a row that points at an event the log does not hold there as a damaged event, not as values', async () => {
    db.prepare('UPDATE inbox_forwardings SET sealed_facts = ?').run(JSON.stringify({ position: '2', eventId: 'another-event' }));
    await expect(inbox()).rejects.toBeInstanceOf(DamagedEvent);
  });
});
