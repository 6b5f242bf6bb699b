import { dataSubjectStreamId, ERASED, manifestationStreamId, PERSONAL_DATA_ERASED, type ManifestationEvent } from '@app/domain';
import { DamagedEvent, SqliteEventStore, type NewEvent } from '@app/event-store';
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answered, forwarded, registered } from '../../../../libs/domain/test-support/manifestation-fixtures';
import { verifyLog } from '../audit';
import { EncryptingEventStore } from './encrypting-event-store';
import { SqliteKeyStore } from './sqlite-key-store';
import { SubjectPseudonyms } from './subject-pseudonyms';
import { newEvent } from '../../../../libs/event-store/test-support/new-event';

const caseEvent = ({ type, data }: ManifestationEvent): NewEvent => newEvent(type, data);

/** Two data subjects with strings found nowhere else. */
const ANA = {
  name: 'Anastácia Quixabeira',
  email: 'anastacia.quixabeira@example.com',
  document: '52998224725',
  text: 'hérnia de disco Quixabeira',
};
const BETO = {
  name: 'Bertoldo Jatobazeiro',
  email: 'bertoldo.jatobazeiro@example.com',
  document: '11144477735',
  text: 'diabetes Jatobazeiro',
};
const P_ANA_1 = '12345620260401000001';
const P_ANA_2 = '12345620260401000002';
const P_BETO = '12345620260401000003';

/** Every byte under the folder (the log, its WAL, the key file and its WAL), as text. */
const everything = (dir: string) =>
  readdirSync(dir)
    .map((file) => readFileSync(join(dir, file)).toString('latin1'))
    .join('\n');
const latin1 = (text: string) => Buffer.from(text, 'utf8').toString('latin1');

describe('personal data sealed per data subject (real SQLite files)', () => {
  let dir: string;
  let raw: SqliteEventStore;
  let keys: SqliteKeyStore;
  let store: EncryptingEventStore;
  const secret = randomBytes(32);
  const open = async (kek?: Buffer) => {
    raw = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    keys = await SqliteKeyStore.open(join(dir, 'keys.sqlite'), raw, kek);
    store = new EncryptingEventStore(raw, keys, new SubjectPseudonyms(secret));
  };
  const registerCase = async (protocol: string, who: typeof ANA) => {
    const requester = { kind: 'BENEFICIARIO' as const, anonymous: false, name: who.name, email: who.email, document: who.document };
    await store.append(
      manifestationStreamId(protocol),
      [caseEvent(registered({ protocol, requester, description: who.text }))],
      'no_stream',
    );
    await store.append(
      manifestationStreamId(protocol),
      [caseEvent({ ...forwarded(), data: { ...forwarded().data, instructions: `ver ${who.text}` } })],
      0n,
    );
    await store.append(manifestationStreamId(protocol), [caseEvent(answered({ text: `Resposta a ${who.name}` }))], 1n);
  };
  const caseOf = async (protocol: string) => {
    const [registration, forwarding, answer] = await store.readStream(manifestationStreamId(protocol));
    const requester = registration.data.requester as Record<string, string>;
    return {
      name: requester.name,
      email: requester.email,
      document: requester.document,
      description: registration.data.description,
      instructions: forwarding.data.instructions,
      answer: answer.data.text,
      theme: registration.data.manifestationType,
    };
  };
  const subjectOf = async (protocol: string) =>
    ((await raw.readStream(manifestationStreamId(protocol)))[0].metadata.personalData as { subject: string }).subject;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'personal-data-'));
    await open();
    await registerCase(P_ANA_1, ANA);
    await registerCase(P_ANA_2, ANA);
    await registerCase(P_BETO, BETO);
  });
  afterEach(async () => {
    await store.close();
    await keys.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps no personal value in clear in the log, and gives them back to readers', async () => {
    const files = everything(dir);
    for (const value of [...Object.values(ANA), ...Object.values(BETO)]) expect(files).not.toContain(latin1(value));
    expect(await caseOf(P_ANA_1)).toEqual({
      name: ANA.name,
      email: ANA.email,
      document: ANA.document,
      description: ANA.text,
      instructions: `ver ${ANA.text}`,
      answer: `Resposta a ${ANA.name}`,
      theme: 'RECLAMACAO',
    });
    // What reports count stays in clear.
    const [stored] = await raw.readStream(manifestationStreamId(P_BETO));
    expect(stored.data).toMatchObject({ manifestationType: 'RECLAMACAO', channel: 'TELEFONE', protocol: P_BETO });
    expect(await subjectOf(P_ANA_1)).toBe(await subjectOf(P_ANA_2));
    expect(await subjectOf(P_ANA_1)).not.toBe(await subjectOf(P_BETO));
    expect(await subjectOf(P_ANA_1)).not.toContain(ANA.document);
  });

  it('erases every case of one subject by destroying its key: marked values, the other subject intact, chains still verify', async () => {
    const before = await verifyLog(raw);
    expect(before.broken).toBeNull();
    const keyId = ((await raw.readStream(manifestationStreamId(P_ANA_1)))[0].metadata.personalData as { keyId: string }).keyId;
    const anasKey = (await keys.key('', keyId))!.toString('base64');

    expect(await store.shred(await subjectOf(P_ANA_1))).toBe(1);

    for (const protocol of [P_ANA_1, P_ANA_2]) {
      expect(await caseOf(protocol)).toEqual({
        name: ERASED,
        email: ERASED,
        document: ERASED,
        description: ERASED,
        instructions: ERASED,
        answer: ERASED,
        theme: 'RECLAMACAO',
      });
    }
    expect((await caseOf(P_BETO)).name).toBe(BETO.name);
    expect(await verifyLog(raw)).toEqual(before);
    expect(everything(dir)).not.toContain(anasKey);

    // A restart changes nothing.
    await store.close();
    await keys.close();
    await open();
    expect((await caseOf(P_ANA_2)).name).toBe(ERASED);
    expect((await caseOf(P_BETO)).answer).toBe(`Resposta a ${BETO.name}`);
  });

  it('gives a shredded subject a new key for what comes after: earlier values stay erased, later ones are read', async () => {
    const subject = await subjectOf(P_ANA_1);
    expect(await store.shred(subject)).toBe(1);
    expect(await store.shred(subject)).toBe(0);
    await store.append(manifestationStreamId(P_ANA_2), [caseEvent(answered({ text: 'Resposta tardia' }))], 2n);
    const [, , , late] = await store.readStream(manifestationStreamId(P_ANA_2));
    expect(late.data.text).toBe('Resposta tardia');
    expect((await caseOf(P_ANA_2)).answer).toBe(ERASED);
    const P_ANA_3 = '12345620260401000004';
    await registerCase(P_ANA_3, ANA);
    expect(await caseOf(P_ANA_3)).toMatchObject({ name: ANA.name, description: ANA.text });
    expect((await caseOf(P_ANA_1)).name).toBe(ERASED);
    expect(await subjectOf(P_ANA_3)).toBe(subject);
  });

  it('serves no value in clear from its memory of appended events once the subject is shredded, even one in flight', async () => {
    const subject = await subjectOf(P_ANA_1);
    const P_ANA_3 = '12345620260401000004';
    const inFlight = store.append(
      manifestationStreamId(P_ANA_3),
      [
        caseEvent(
          registered({ protocol: P_ANA_3, requester: { kind: 'BENEFICIARIO', anonymous: false, name: ANA.name, document: ANA.document } }),
        ),
      ],
      'no_stream',
    );
    await store.shred(subject);
    await inFlight;
    // What this store answers is what a store that appended nothing answers.
    const reader = new EncryptingEventStore(raw, keys, new SubjectPseudonyms(secret));
    const [here] = await store.readStream(manifestationStreamId(P_ANA_3));
    const [there] = await reader.readStream(manifestationStreamId(P_ANA_3));
    expect(here.data).toEqual(there.data);
    expect((await caseOf(P_ANA_1)).name).toBe(ERASED);
  });

  it('forgets what it appended for a subject whose keys another process destroyed, once it reads the erasure', async () => {
    const subject = await subjectOf(P_ANA_1);
    // retention:run in another process: the keys go, then the erasure is recorded in the log.
    await keys.destroy(subject);
    const erasure = { subject, protocols: [P_ANA_1, P_ANA_2], erasedAt: '2031-04-01T10:00:00.000-03:00', cause: 'RETENTION' };
    await raw.append(dataSubjectStreamId(subject), [newEvent(PERSONAL_DATA_ERASED, erasure)], 'any');
    await store.readAll({ after: 0n, maxCount: 100 });
    expect(await caseOf(P_ANA_1)).toMatchObject({ name: ERASED, description: ERASED, answer: ERASED });
    expect((await caseOf(P_BETO)).name).toBe(BETO.name);
  });

  it('refuses a sealed value that was changed in the file, as a damaged event', async () => {
    await store.close();
    const db = new Database(join(dir, 'events.sqlite'));
    const row = db.prepare("SELECT position, metadata FROM events WHERE type = 'ManifestationAnswered' LIMIT 1").get() as {
      position: number;
      metadata: string;
    };
    const metadata = JSON.parse(row.metadata) as { personalData: { values: string } };
    const sealed = metadata.personalData.values;
    metadata.personalData.values = `${sealed.slice(0, -3)}${sealed.endsWith('AAA') ? 'BBB' : 'AAA'}`;
    db.prepare('UPDATE events SET metadata = ? WHERE position = ?').run(JSON.stringify(metadata), row.position);
    db.close();
    await keys.close();
    await open();
    await expect(store.readAll({ after: 0n, maxCount: 100 })).rejects.toBeInstanceOf(DamagedEvent);
  });

  it('stores data keys sealed with the key-encryption key when one is configured', async () => {
    await store.close();
    await keys.close();
    rmSync(dir, { recursive: true, force: true });
    dir = mkdtempSync(join(tmpdir(), 'personal-data-'));
    const kek = randomBytes(32);
    await open(kek);
    await registerCase(P_BETO, BETO);
    const keyId = ((await raw.readStream(manifestationStreamId(P_BETO)))[0].metadata.personalData as { keyId: string }).keyId;
    expect(everything(dir)).not.toContain((await keys.key('', keyId))!.toString('base64'));
    expect((await caseOf(P_BETO)).name).toBe(BETO.name);
    await store.close();
    await keys.close();
    await open(randomBytes(32));
    await expect(caseOf(P_BETO)).rejects.toThrow();
  });
});
