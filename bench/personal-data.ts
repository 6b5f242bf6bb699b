import { manifestationStreamId } from '@app/domain';
import { EVENT_STORE, SqliteEventStore, STORED_LOG, type EventStore, type NewEvent } from '@app/event-store';
import { CommandBus } from '@nestjs/cqrs';
import { Test } from '@nestjs/testing';
import type { LoggerService } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answered, closed, forwarded, registered, replied } from '../libs/domain/test-support/manifestation-fixtures';
import { AppModule } from '../apps/ouvidoria-api/src/app.module';
import type { RequestMeta } from '../apps/ouvidoria-api/src/application/ports';
import { loadConfig } from '../apps/ouvidoria-api/src/config/app-config';
import { DEPARTMENT_INBOX, DepartmentInboxProjection } from '../apps/ouvidoria-api/src/department-inbox/department-inbox.projection';
import { DepartmentInboxReader } from '../apps/ouvidoria-api/src/department-inbox/department-inbox.reader';
import { openInboxPage } from '../apps/ouvidoria-api/src/department-inbox/open-inbox-page';
import type { RegisterManifestationBody } from '../apps/ouvidoria-api/src/manifestations/register-manifestation/register-manifestation.body';
import { RegisterManifestationCommand } from '../apps/ouvidoria-api/src/manifestations/register-manifestation/register-manifestation.command';
import { EncryptingEventStore, storedLogOf } from '../apps/ouvidoria-api/src/personal-data/encrypting-event-store';
import { SealedValuesOpener } from '../apps/ouvidoria-api/src/personal-data/sealed-values-opener';
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

/** Per second, `count` things done since `started`. */
const rate = (count: number, started: bigint) => count / (Number(process.hrtime.bigint() - started) / 1e9);

/** Every event of a case's life with a text: registration, forwarding, the department's reply, answer, closing. */
const caseLife = (i: number, subjects: number): NewEvent[] => {
  // Each case's own forwarding: every one is a row of the department's inbox.
  const forwardingId = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
  const forwarding = forwarded(forwardingId);
  return [
    registration(i, subjects),
    ...[
      {
        ...forwarding,
        data: { ...forwarding.data, instructions: 'Verificar a negativa do exame com a regulação.', shareRequesterContact: true },
      },
      replied(forwardingId),
      answered({ text: 'Seu exame foi autorizado após a revisão do pedido médico.' }),
      closed(),
    ].map(({ type, data }) => newEvent(type, data)),
  ];
};

/** `count` cases of `subjects` requesters, one append each (the registration, or the case's whole life); cases per second. */
async function appendCases(store: EventStore, count: number, subjects: number, lives = false): Promise<number> {
  const started = process.hrtime.bigint();
  for (let i = 1; i <= count; i++) {
    const events = lives ? caseLife(i, subjects) : [registration(i, subjects)];
    await store.append(manifestationStreamId((events[0].data as { protocol: string }).protocol), events, 'no_stream');
  }
  return rate(count, started);
}

async function readRate(store: EventStore, sequential = false): Promise<number> {
  let events = 0;
  const started = process.hrtime.bigint();
  for (let after = 0n; ;) {
    const page = await store.readAll({ after, maxCount: 500, sequential });
    if (page.length === 0) break;
    events += page.length;
    after = page[page.length - 1].position;
  }
  return rate(events, started);
}

/** The department inbox (it keeps personal values) rebuilt from the whole log, as `projections:rebuild` does. */
async function rebuildRate(store: EventStore, dir: string): Promise<number> {
  const started = process.hrtime.bigint();
  const { events } = await rebuildProjection(storedLogOf(store), new ReadModelDirectory(dir), new DepartmentInboxProjection());
  return rate(events, started);
}

const INBOX_QUERIES = 200;

/** The department inbox's query, pages of 50 forwardings opened as the API answers them, on the read model `rebuildRate` built in `dir`. */
async function inboxQueryRate(store: EventStore, dir: string): Promise<number> {
  const storage = new ReadModelDirectory(dir);
  const db = storage.open(DEPARTMENT_INBOX, storage.activeVersion(DEPARTMENT_INBOX));
  const keys = store instanceof EncryptingEventStore ? store : { openValues: () => Promise.resolve([]) };
  try {
    const reader = new DepartmentInboxReader(() => db);
    const started = process.hrtime.bigint();
    for (let i = 0; i < INBOX_QUERIES; i++) {
      const page = await openInboxPage(reader.list(forwarded().data.department, { limit: 50 }), keys);
      if (page.items.length !== 50) throw new Error(`the inbox answered ${page.items.length} forwardings, not 50`);
    }
    return rate(INBOX_QUERIES, started);
  } finally {
    db.close();
  }
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
    return rate(count, started);
  } finally {
    await app.close();
  }
}

export interface Rates {
  plain: number;
  sealed: number;
}

export interface PersonalDataBench {
  rounds: number;
  readLog: number;
  /** At the store: appends, subjects returning (10 cases each) and every case a new subject. */
  append: Rates;
  appendNewSubjects: Rates;
  /** A log of registrations read back bare (one page at a time, and sequentially), and the department inbox rebuilt from it and from a log of whole case lives. */
  read: Rates;
  readSequential: Rates;
  rebuild: Rates;
  rebuildLives: Rates;
  /** The inbox's query on the read model rebuilt from the log of case lives. */
  inboxQuery: Rates;
  /** Through the command path: subjects returning (10 cases each), and every case a new subject. */
  commandPath: Rates;
  commandPathNewSubjects: Rates;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** `rounds` of plain then sealed, alternating so that the machine's drift falls on both; the median of each. */
async function alternating(rounds: number, measure: (sealed: boolean, round: number) => Promise<number>): Promise<Rates> {
  const plain: number[] = [];
  const sealed: number[] = [];
  for (let round = 0; round < rounds; round++) {
    plain.push(await measure(false, round));
    sealed.push(await measure(true, round));
  }
  return { plain: median(plain), sealed: median(sealed) };
}

/** Sealing personal data on against off, measured in the same run (see README, Benchmarks). */
export async function personalDataBench(dir: string, count: number, readLog: number, rounds = 3): Promise<PersonalDataBench> {
  const path = (name: string) => {
    const at = join(dir, name);
    mkdirSync(at, { recursive: true });
    return at;
  };
  const secret = randomBytes(32);
  /**
   * The log as the product opens it (sealed) or the store alone (plain); a sealed one has no key in
   * memory yet. Its opener's worker is started first, as the compiled server's is with the store
   * (from these sources it would start with the first large page, and its TypeScript loader takes 0.3 s).
   */
  const open = async (name: string, sealed: boolean, synchronous: 'FULL' | 'OFF' = 'FULL'): Promise<EventStore> => {
    const stored = new SqliteEventStore({ file: join(dir, `${name}.sqlite`), synchronous });
    if (!sealed) return stored;
    const keys = await SqliteKeyStore.open(join(dir, `${name}-keys.sqlite`), stored);
    const opener = new SealedValuesOpener();
    await opener.start();
    return new EncryptingEventStore(stored, keys, new SubjectPseudonyms(secret), opener);
  };
  const appends = (subjects: (count: number) => number) =>
    alternating(rounds, async (sealed, round) => {
      const store = await open(`append-${sealed}-${subjects(1)}-${round}`, sealed);
      try {
        return await appendCases(store, count, subjects(count));
      } finally {
        await store.close();
      }
    });
  const append = await appends((n) => n / 10);
  const appendNewSubjects = await appends((n) => n);

  for (const sealed of [false, true]) {
    for (const lives of [false, true]) {
      const store = await open(`log-${sealed}-${lives}`, sealed, 'OFF');
      // Written without fsync: what is measured on these logs is reading.
      const cases = lives ? readLog / 5 : readLog;
      await appendCases(store, cases, cases / 10, lives);
      await store.close();
    }
  }
  const onLog = (lives: boolean, measure: (store: EventStore, run: string) => Promise<number>) =>
    alternating(rounds, async (sealed, round) => {
      const store = await open(`log-${sealed}-${lives}`, sealed);
      try {
        return await measure(store, `${sealed}-${lives}-${round}`);
      } finally {
        await store.close();
      }
    });
  const read = await onLog(false, (store) => readRate(store));
  const readSequential = await onLog(false, (store) => readRate(store, true));
  const rebuild = await onLog(false, (store, run) => rebuildRate(store, path(`rebuild-${run}`)));
  const rebuildLives = await onLog(true, (store, run) => rebuildRate(store, path(`rebuild-${run}`)));
  const inboxQuery = await onLog(true, (store, run) => inboxQueryRate(store, path(`rebuild-${run}`)));

  const commandPaths = (casesPerSubject: number) =>
    alternating(rounds, (sealed, round) => commandPath(path(`cp-${sealed}-${casesPerSubject}-${round}`), count, casesPerSubject, sealed));
  return {
    rounds,
    readLog,
    append,
    appendNewSubjects,
    read,
    readSequential,
    rebuild,
    rebuildLives,
    inboxQuery,
    commandPath: await commandPaths(10),
    commandPathNewSubjects: await commandPaths(1),
  };
}

/** The table `npm run bench` prints for sealing (and `npm run bench:personal-data` alone). */
export function printPersonalDataBench(pd: PersonalDataBench, count: number): void {
  console.log(
    `\npersonal data sealed (AES-256-GCM) against not sealed, same run, median of ${pd.rounds} alternating rounds: ` +
      `${count} registrations (FULL sync) for writes, a log of ${pd.readLog} events for reads\n`,
  );
  console.log('| measure | not sealed | sealed | cost | target | |');
  console.log('|---|---|---|---|---|---|');
  const row = (name: string, { plain, sealed }: Rates, target?: number) => {
    const cost = 1 - sealed / plain;
    const verdict = target === undefined ? ['', ''] : [`< ${target * 100} %`, cost < target ? 'met' : 'MISSED'];
    console.log(`| ${name} | ${plain.toFixed(0)} /s | ${sealed.toFixed(0)} /s | ${(cost * 100).toFixed(1)} % | ${verdict.join(' | ')} |`);
  };
  row('(s-cp) command path, 1 in flight, 10 cases per requester', pd.commandPath, 0.15);
  row('(s-cp-new) command path, every case a new requester (a key handed out of the pool)', pd.commandPathNewSubjects, 0.15);
  row('(s-rebuild) department-inbox rebuild, a log of registrations only', pd.rebuild, 0.25);
  row('(s-rebuild-life) department-inbox rebuild, a log of whole case lives (5 events each)', pd.rebuildLives, 0.25);
  row('(s-inbox) department-inbox query, a page of 50 forwardings opened as the API answers it', pd.inboxQuery);
  row('(s) append at the store, 10 cases per requester', pd.append);
  row('(s-new) append at the store, every case a new requester', pd.appendNewSubjects);
  row('(s-read) the log of registrations read back bare, pages of 500, one at a time', pd.read);
  row('(s-read-seq) the same read sequentially (the next pages read and opened ahead, as a rebuild reads)', pd.readSequential);
}

if (require.main === module) {
  const count = Number(process.env.BENCH_SEALED_COUNT ?? 1500);
  const dir = mkdtempSync(join(tmpdir(), 'ouvidoria-bench-'));
  personalDataBench(dir, count, Number(process.env.BENCH_SEALED_LOG ?? 20_000))
    .then((pd) => printPersonalDataBench(pd, count))
    .finally(() => rmSync(dir, { recursive: true, force: true }));
}
