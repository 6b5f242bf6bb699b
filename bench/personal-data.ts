import { manifestationStreamId } from '@app/domain';
import { SqliteEventStore, type EventStore, type NewEvent } from '@app/event-store';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { registered } from '../libs/domain/test-support/manifestation-fixtures';
import { EncryptingEventStore } from '../apps/ouvidoria-api/src/personal-data/encrypting-event-store';
import { SqliteKeyStore } from '../apps/ouvidoria-api/src/personal-data/sqlite-key-store';
import { SubjectPseudonyms } from '../apps/ouvidoria-api/src/personal-data/subject-pseudonyms';
import { newEvent } from '../libs/event-store/test-support/new-event';

const registration = (i: number, subjects: number): NewEvent => {
  const protocol = `12345620260401${String(i).padStart(6, '0')}`;
  const document = String(10_000_000_000 + (i % subjects));
  const { data } = registered({
    protocol,
    requester: {
      kind: 'BENEFICIARIO',
      anonymous: false,
      name: `Pessoa ${i}`,
      document,
      email: `p${i}@example.com`,
      phone: '+55 83 90000-0000',
    },
    description: 'O exame pedido em março não foi autorizado pela operadora, sem justificativa. '.repeat(4),
  });
  return newEvent('ManifestationRegistered', data);
};

async function appendRate(store: EventStore, count: number, subjects: number): Promise<number> {
  const started = process.hrtime.bigint();
  for (let i = 1; i <= count; i++) {
    const event = registration(i, subjects);
    await store.append(manifestationStreamId((event.data as { protocol: string }).protocol), [event], 'no_stream');
  }
  return count / (Number(process.hrtime.bigint() - started) / 1e9);
}

async function readRate(store: EventStore): Promise<number> {
  let events = 0;
  const started = process.hrtime.bigint();
  for (let after = 0n; ;) {
    const page = await store.readAll({ after, maxCount: 500 });
    if (page.length === 0) break;
    events += page.length;
    after = page[page.length - 1].position;
  }
  return events / (Number(process.hrtime.bigint() - started) / 1e9);
}

export interface PersonalDataBench {
  appendPlain: number;
  appendSealed: number;
  appendSealedNewSubjects: number;
  readPlain: number;
  readSealed: number;
}

/**
 * Sealing personal data, at the store: registrations appended one at a time (FULL sync) on the
 * plain store and through the sealing layer — subjects returning (10 cases each), and every case a
 * new subject (a key is written first) — then the whole log read back as a rebuild reads it.
 */
export async function personalDataBench(dir: string, count: number): Promise<PersonalDataBench> {
  const plain = new SqliteEventStore({ file: join(dir, 'plain.sqlite') });
  const appendPlain = await appendRate(plain, count, count / 10);
  const readPlain = await readRate(plain);
  await plain.close();
  const open = (name: string) =>
    new EncryptingEventStore(
      new SqliteEventStore({ file: join(dir, `${name}.sqlite`) }),
      new SqliteKeyStore(join(dir, `${name}-keys.sqlite`)),
      new SubjectPseudonyms(randomBytes(32)),
    );
  const sealed = open('sealed');
  const appendSealed = await appendRate(sealed, count, count / 10);
  const readSealed = await readRate(sealed);
  await sealed.close();
  const fresh = open('fresh');
  const appendSealedNewSubjects = await appendRate(fresh, count, count);
  await fresh.close();
  return { appendPlain, appendSealed, appendSealedNewSubjects, readPlain, readSealed };
}
