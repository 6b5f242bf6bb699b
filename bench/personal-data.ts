import { manifestationStreamId } from '@app/domain';
import { EVENT_STORE, SqliteEventStore, STORED_LOG, type EventStore, type NewEvent } from '@app/event-store';
import { CommandBus } from '@nestjs/cqrs';
import { Test } from '@nestjs/testing';
import type { LoggerService } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { registered } from '../libs/domain/test-support/manifestation-fixtures';
import { AppModule } from '../apps/ouvidoria-api/src/app.module';
import type { RequestMeta } from '../apps/ouvidoria-api/src/application/ports';
import { loadConfig } from '../apps/ouvidoria-api/src/config/app-config';
import { DepartmentInboxProjection } from '../apps/ouvidoria-api/src/department-inbox/department-inbox.projection';
import type { RegisterManifestationBody } from '../apps/ouvidoria-api/src/manifestations/register-manifestation/register-manifestation.body';
import { RegisterManifestationCommand } from '../apps/ouvidoria-api/src/manifestations/register-manifestation/register-manifestation.command';
import { EncryptingEventStore } from '../apps/ouvidoria-api/src/personal-data/encrypting-event-store';
import { SqliteKeyStore } from '../apps/ouvidoria-api/src/personal-data/sqlite-key-store';
import { SubjectPseudonyms } from '../apps/ouvidoria-api/src/personal-data/subject-pseudonyms';
import { ReadModelDirectory } from '../apps/ouvidoria-api/src/projections/read-model-storage';
import { rebuildProjection } from '../apps/ouvidoria-api/src/projections/rebuild-projection';
import { newEvent } from '../libs/event-store/test-support/new-event';
import { sampleBody } from './command-path';

class NullLogger implements LoggerService {
  log(): void {}
  error(): void {}
  warn(): void {}
}

/** A valid CPF for each number (check digits computed), so that every subject is a real document. */
export function cpfOf(n: number): string {
  const base = String(100_000_000 + n).slice(-9);
  const digit = (digits: string) => {
    const sum = [...digits].reduce((total, d, i) => total + Number(d) * (digits.length + 1 - i), 0);
    const rest = (sum * 10) % 11;
    return rest === 10 ? 0 : rest;
  };
  const first = digit(base);
  return `${base}${first}${digit(`${base}${first}`)}`;
}

const registration = (i: number, subjects: number): NewEvent => {
  const protocol = `12345620260401${String(i).padStart(6, '0')}`;
  const { data } = registered({
    protocol,
    requester: {
      kind: 'BENEFICIARIO',
      anonymous: false,
      name: `Pessoa ${i}`,
      document: cpfOf(i % subjects),
      email: `p${i}@example.com`,
      phone: '+55 83 90000-0000',
    },
    description: 'O exame pedido em março não foi autorizado pela operadora, sem justificativa. '.repeat(4),
  });
  return newEvent('ManifestationRegistered', data);
};

async function appendAll(store: EventStore, count: number, subjects: number): Promise<number> {
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

/** The department inbox (it keeps personal values) rebuilt from the whole log, as `projections:rebuild` does. */
async function rebuildRate(store: EventStore, dir: string): Promise<number> {
  const started = process.hrtime.bigint();
  const { events } = await rebuildProjection(store, new ReadModelDirectory(dir), new DepartmentInboxProjection());
  return events / (Number(process.hrtime.bigint() - started) / 1e9);
}

/**
 * Registrations through the whole command path (CommandBus, decide, append, the read models
 * following), one at a time, with every `cases` per requester's document; `sealed: false`
 * replaces the sealing layer by the store below it (for this measure only: the product has no
 * switch to turn it off).
 */
async function commandPath(dataDir: string, count: number, casesPerSubject: number, sealed: boolean): Promise<number> {
  const config = loadConfig({ ...process.env, DATA_DIR: dataDir, OPERATOR_ANS_REGISTRATION: '123456' });
  let builder = Test.createTestingModule({ imports: [AppModule.forRoot(config)] });
  if (!sealed)
    builder = builder.overrideProvider(EVENT_STORE).useFactory({ factory: (stored: EventStore) => stored, inject: [STORED_LOG] });
  const app = await builder.setLogger(new NullLogger()).compile();
  await app.init();
  try {
    const bus = app.get(CommandBus);
    const meta: RequestMeta = { actor: { sub: 'bench', role: 'ouvidoria' }, correlationId: 'bench', causationId: 'bench' };
    const started = process.hrtime.bigint();
    for (let i = 0; i < count; i++) {
      const requester = { ...sampleBody.requester, document: cpfOf(Math.floor(i / casesPerSubject)) };
      await bus.execute(new RegisterManifestationCommand({ ...sampleBody, requester } as unknown as RegisterManifestationBody, meta));
    }
    return count / (Number(process.hrtime.bigint() - started) / 1e9);
  } finally {
    await app.close();
  }
}

export interface Rates {
  plain: number;
  sealed: number;
}

export interface PersonalDataBench {
  /** At the store: appends, subjects returning (10 cases each) and every case a new subject. */
  append: Rates;
  appendNewSubjects: Rates;
  /** The whole log read back bare, and the department inbox rebuilt from it. */
  read: Rates;
  rebuild: Rates;
  /** Through the command path: subjects returning (10 cases each), and every case a new subject. */
  commandPath: Rates;
  commandPathNewSubjects: Rates;
}

/** Sealing personal data on against off, measured in the same run (see README, Benchmarks). */
export async function personalDataBench(dir: string, count: number): Promise<PersonalDataBench> {
  const plain = new SqliteEventStore({ file: join(dir, 'plain.sqlite') });
  const appendPlain = await appendAll(plain, count, count / 10);
  const readPlain = await readRate(plain);
  const rebuildPlain = await rebuildRate(plain, join(dir, 'plain-read-models'));
  await plain.close();
  const open = (name: string) =>
    new EncryptingEventStore(
      new SqliteEventStore({ file: join(dir, `${name}.sqlite`) }),
      new SqliteKeyStore(join(dir, `${name}-keys.sqlite`)),
      new SubjectPseudonyms(randomBytes(32)),
    );
  const sealed = open('sealed');
  const appendSealed = await appendAll(sealed, count, count / 10);
  await sealed.close();
  // Read back by another process's store, as a rebuild is: no key is in memory yet.
  const reopened = open('sealed');
  const readSealed = await readRate(reopened);
  const rebuildSealed = await rebuildRate(reopened, join(dir, 'sealed-read-models'));
  await reopened.close();
  const plainNew = new SqliteEventStore({ file: join(dir, 'plain-new.sqlite') });
  const appendPlainNew = await appendAll(plainNew, count, count);
  await plainNew.close();
  const fresh = open('fresh');
  const appendSealedNew = await appendAll(fresh, count, count);
  await fresh.close();

  const path = (name: string) => {
    const at = join(dir, name);
    mkdirSync(at, { recursive: true });
    return at;
  };
  return {
    append: { plain: appendPlain, sealed: appendSealed },
    appendNewSubjects: { plain: appendPlainNew, sealed: appendSealedNew },
    read: { plain: readPlain, sealed: readSealed },
    rebuild: { plain: rebuildPlain, sealed: rebuildSealed },
    commandPath: {
      plain: await commandPath(path('cp-plain'), count, 10, false),
      sealed: await commandPath(path('cp-sealed'), count, 10, true),
    },
    commandPathNewSubjects: {
      plain: await commandPath(path('cp-plain-new'), count, 1, false),
      sealed: await commandPath(path('cp-sealed-new'), count, 1, true),
    },
  };
}
