import { ERASED, manifestationStreamId } from '@app/domain';
import { DamagedEvent, SqliteEventStore, type EventStore, type RecordedEvent } from '@app/event-store';
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answered, registered } from '../../../../libs/domain/test-support/manifestation-fixtures';
import { newEvent } from '../../../../libs/event-store/test-support/new-event';
import { EncryptingEventStore } from './encrypting-event-store';
import { SealedValuesOpener } from './sealed-values-opener';
import { SqliteKeyStore } from './sqlite-key-store';
import { SubjectPseudonyms } from './subject-pseudonyms';

const CASES = 300;
const PAGE = 100;
const protocolOf = (i: number) => `1234562026040${String(100000 + i).padStart(7, '0')}`;
const nameOf = (i: number) => `Pessoa ${i % 30}`;
/** The 11 digits of requester `i % 30`'s document (any 11 digits: the store does not check them). */
const documentOf = (i: number) => String(10_000_000_000 + (i % 30));

/** Every event of the log, page after page of `PAGE`, sequentially or not. */
async function readThrough(store: EventStore, sequential: boolean): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (let after = 0n; ;) {
    const page = await store.readAll({ after, maxCount: PAGE, sequential });
    if (page.length === 0) return events;
    events.push(...page);
    after = page[page.length - 1].position;
  }
}

describe('sequential reads of a sealed log: the next pages read and opened ahead (real SQLite files)', () => {
  let dir: string;
  let raw: SqliteEventStore;
  let keys: SqliteKeyStore;
  let opener: SealedValuesOpener;
  let store: EncryptingEventStore;
  const secret = randomBytes(32);
  const open = async () => {
    raw = new SqliteEventStore({ file: join(dir, 'events.sqlite'), synchronous: 'OFF' });
    keys = await SqliteKeyStore.open(join(dir, 'keys.sqlite'), raw);
    opener = new SealedValuesOpener();
    await opener.start();
    store = new EncryptingEventStore(raw, keys, new SubjectPseudonyms(secret), opener);
  };
  const register = async (i: number) => {
    const protocol = protocolOf(i);
    const requester = { kind: 'BENEFICIARIO' as const, anonymous: false, name: nameOf(i), document: documentOf(i) };
    const { type, data } = registered({ protocol, requester, description: `relato ${i}` });
    const answer = answered({ text: `resposta ${i}` });
    await store.append(manifestationStreamId(protocol), [newEvent(type, data), newEvent(answer.type, answer.data)], 'no_stream');
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'read-ahead-'));
    await open();
    for (let i = 0; i < CASES; i++) await register(i);
    await store.close();
  });
  beforeEach(open);
  afterEach(() => store.close());
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the same events, opened, sequentially as page by page, with the pages opened on the worker', async () => {
    expect(opener.onWorker).toBe(true);
    const sequential = await readThrough(store, true);
    expect(sequential).toHaveLength(CASES * 2);
    // Each page once (the empty one after the last is not opened): none read twice, none in place.
    expect(opener.pagesOpenedOnWorker).toBe((CASES * 2) / PAGE);
    expect(sequential[2 * 123].data).toMatchObject({ description: 'relato 123', requester: { name: nameOf(123) } });
    expect(sequential[2 * 123 + 1].data).toMatchObject({ text: 'resposta 123' });
    await store.close();
    await open();
    expect(await readThrough(store, false)).toEqual(sequential);
  });

  it('reports a value changed in the file when its page is asked for, after serving the pages before it', async () => {
    await store.close();
    const db = new Database(join(dir, 'events.sqlite'));
    const row = db.prepare('SELECT metadata FROM events WHERE position = 350').get() as { metadata: string };
    const metadata = JSON.parse(row.metadata) as { personalData: { values: string } };
    const sealed = metadata.personalData.values;
    metadata.personalData.values = `${sealed.slice(0, -3)}${sealed.endsWith('AAA') ? 'BBB' : 'AAA'}`;
    db.prepare('UPDATE events SET metadata = ? WHERE position = 350').run(JSON.stringify(metadata));
    try {
      await open();
      for (const after of [0n, 100n, 200n]) expect(await store.readAll({ after, maxCount: PAGE, sequential: true })).toHaveLength(PAGE);
      const damaged = store.readAll({ after: 300n, maxCount: PAGE, sequential: true });
      await expect(damaged).rejects.toBeInstanceOf(DamagedEvent);
      await expect(damaged).rejects.toMatchObject({ position: 350n });
    } finally {
      db.prepare('UPDATE events SET metadata = ? WHERE position = 350').run(row.metadata);
      db.close();
    }
  });

  it('serves no value of a subject shredded here from the pages it read ahead', async () => {
    const first = await store.readAll({ after: 0n, maxCount: PAGE, sequential: true });
    const subject = (first[0].metadata.personalData as { subject: string }).subject;
    await store.shred(subject);
    const next = await store.readAll({ after: first[first.length - 1].position, maxCount: PAGE, sequential: true });
    const hers = next.filter((event) => (event.metadata.personalData as { subject: string }).subject === subject);
    expect(hers.length).toBeGreaterThan(0);
    for (const event of hers.filter((e) => e.type === 'ManifestationRegistered')) expect(event.data.description).toBe(ERASED);
  });

  it('reads ahead only full pages: what is appended after the end is read, not an empty page read ahead', async () => {
    // Pages after 400 and 500 are read ahead (full); the one after 600 is empty, so not kept.
    await store.readAll({ after: 300n, maxCount: PAGE, sequential: true });
    await register(CASES);
    for (const after of [400n, 500n]) expect(await store.readAll({ after, maxCount: PAGE, sequential: true })).toHaveLength(PAGE);
    const more = await store.readAll({ after: 600n, maxCount: PAGE, sequential: true });
    expect(more.map((event) => event.streamId)).toEqual([
      manifestationStreamId(protocolOf(CASES)),
      manifestationStreamId(protocolOf(CASES)),
    ]);
  });
});
