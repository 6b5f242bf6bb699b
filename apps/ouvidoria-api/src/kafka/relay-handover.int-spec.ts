import { KurrentDbEventStore, openDatabase, SqliteEventStore } from '@app/event-store';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kurrentDbForTests } from '../../../../test/support/kurrentdb/test-url';
import { copyStore } from '../infrastructure/store-copy';
import { handOverRelayProgress, RELAY_FILE } from './relay-handover';
import { RelayLease } from './relay-lease';
import { RelayState } from './relay-state';
import { newEvent } from '../../../../libs/event-store/test-support/new-event';

/** store:copy hands the relay's progress over, so the first holder in the target does not resend the history. */
describe('handing the relay progress over to a copied log (SQLite into KurrentDB on the wire)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'relay-handover-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("leaves the checkpoint's event, at its position in the target, for the first holder there", async () => {
    const source = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    for (let i = 0; i < 4; i++) await source.append(`manifestation-${i}`, [newEvent()], 'no_stream');
    const [, relayed] = await source.readAll({ after: 0n, maxCount: 10 });
    const db = openDatabase(join(dir, RELAY_FILE), 'FULL');
    await new RelayState(db).inBatch(
      () => ({ position: relayed.position, eventId: relayed.id }),
      async () => undefined,
    );
    db.close();

    const backend = await kurrentDbForTests();
    const target = new KurrentDbEventStore({ url: backend.url, streamPrefix: `h${randomUUID().slice(0, 8)}-` });
    try {
      await copyStore(source, target, []);
      const there = (await target.readAll({ after: 0n, maxCount: 10 })).find((e) => e.id === relayed.id)!;
      expect(await handOverRelayProgress(dir, target)).toEqual({ position: there.position.toString(), eventId: relayed.id });
      const first = new RelayLease(target, 'first-instance', 15_000, () => new Date());
      expect(await first.keep(null)).toMatchObject({ held: true, takenOver: { position: there.position.toString(), eventId: relayed.id } });
    } finally {
      await target.close();
      await source.close();
      await backend.close();
    }
  });

  it('hands nothing over without a relay file', async () => {
    const source = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    expect(await handOverRelayProgress(dir, source)).toBeNull();
    await source.close();
  });
});
