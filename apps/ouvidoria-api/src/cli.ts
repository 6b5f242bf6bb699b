/**
 * Operator and auditor commands: `npm run cli -- <command>`.
 *
 *   audit:verify [--anchor <anchor>]     checks every stream's hash chain and every seal of the log, and
 *                                        that the log still holds exactly what the anchor covered;
 *                                        exit 1 at the first break, naming its position and stream
 *   audit:anchor                         seals what is not sealed yet and prints the latest seal as an
 *                                        anchor to keep outside the system
 *   audit:replay <protocol>              prints a case's timeline: when, who, what
 *   store:copy --to <KURRENTDB_URL>
  token:mint --role R --sub S [--department D] [--ttl 8h]
 *                                        prints a signed token (HS256, the server's secret)
 *   store:copy --to <KURRENTDB_URL>      copies the embedded log into KurrentDB as it was recorded
 *                                        (resumable), then verifies the target's chains and seals
 *   projections:rebuild <name>           builds a new version of a read model beside the live one;
 *                                        a running server switches to it once it has caught up
 *   retention:run                        destroys the keys of data subjects whose every case is past
 *                                        retention (RETENTION_YEARS from closing), as the server does
 *                                        every RETENTION_CHECK_MINUTES; prints counts, never names
 *   backup --to <DIR>                    copies the log, the data keys, attachments and the state beside
 *                                        the log into an empty or new folder, while the server runs
 *                                        (SQLite's online backup), with a manifest of sizes and SHA-256
 *   restore --from <DIR>                 checks a backup against its manifest, copies it into an empty
 *                                        DATA_DIR and verifies the restored log's chains and seals
 *
 * It reads the same DATA_DIR as the server and may run while the server does.
 */
import { BusinessCalendar, isProtocol, manifestationStreamId } from '@app/domain';
import {
  formatAnchor,
  isConnectionString,
  KurrentDbEventStore,
  parseAnchor,
  SqliteEventStore,
  StoreUnavailable,
  type EventStore,
} from '@app/event-store';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Sealer, timeline, verifyLog } from './audit';
import { hs256Secret } from './auth/jwt-secret';
import { mintToken, parseTtl } from './auth/mint-token';
import { InvalidClaims, ROLES, type Role } from './auth/principal';
import { ConfigError, loadConfig, type AppConfig } from './config/app-config';
import { EVENTS_FILE, openEventStore } from './infrastructure/event-store';
import { copyStore } from './infrastructure/store-copy';
import { handOverRelayProgress } from './kafka';
import { KurrentDbKeyStore } from './personal-data/kurrentdb-key-store';
import { KEYS_FILE, MissingKeyStore, withPersonalData } from './personal-data/personal-data-layer';
import { SqliteKeyStore } from './personal-data/sqlite-key-store';
import { UnsupportedStoredFormat } from './personal-data/stored-format';
import type { EncryptingEventStore } from './personal-data/encrypting-event-store';
import { CommandPath } from './application/command-path';
import { deleteCaseFiles } from './attachments/case-files';
import { openBlobStore } from './infrastructure/blob-store';
import { Erasure } from './data-subjects/erasure';
import { subjectIndexOf } from './data-subjects/subject-index.reader';
import { ReadModelDirectory } from './projections/read-model-storage';
import { READ_MODELS_DIR } from './projections/read-models';
import { readModelProjections } from './read-model-modules';
import { rebuildProjection } from './projections/rebuild-projection';
import { backupCommand, restoreCommand } from './backup';

const USAGE = `usage: npm run cli -- <command>
  audit:verify [--anchor <seal:...>]
  audit:anchor
  audit:replay <protocol>
  store:copy --to <KURRENTDB_URL>
  token:mint --role <${ROLES.join('|')}> --sub <subject> [--department <code>] [--ttl 8h]
  retention:run
  backup --to <empty or new folder>
  restore --from <backup folder>
  projections:rebuild <${readModelProjections()
    .map((p) => p.name)
    .join('|')}>`;

class UsageError extends Error {}

type Command = (config: AppConfig, args: string[]) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  'audit:verify': (config, args) => {
    const { values } = parseArgs({ args, options: { anchor: { type: 'string' } } });
    const anchor = values.anchor === undefined ? undefined : parseAnchor(values.anchor);
    if (anchor === null) throw new UsageError('--anchor takes what audit:anchor printed: seal:<events>:<event id>:<hash>');
    return withStore(config, async (store) => {
      const report = await verifyLog(store, anchor);
      if (report.broken) {
        const { position, streamId, revision, reason } = report.broken;
        console.error(`BROKEN at position ${position} (stream ${streamId}, revision ${revision}): ${reason}`);
        return 1;
      }
      const anchored = anchor ? '; the anchor holds' : '';
      console.log(`intact: ${report.events} events in ${report.streams} streams, ${report.seals} seals checked${anchored}`);
      return 0;
    });
  },

  'audit:anchor': (config) =>
    withStore(config, async (store) => {
      const sealer = new Sealer(store, () => new Date(), randomUUID, config.seals);
      const seal = await sealer.seal();
      if (!seal) {
        console.error('the log is empty: nothing to anchor yet');
        return 1;
      }
      console.log(formatAnchor(seal));
      console.error(`  covers ${seal.events} events up to position ${seal.lastPosition}, sealed at ${seal.sealedAt}`);
      return 0;
    }),

  'audit:replay': (config, [protocol]) => {
    if (!protocol || !isProtocol(protocol)) throw new UsageError('audit:replay needs a 20-digit protocol');
    return withOpenedStore(config, async (store) => {
      const events = await store.readStream(manifestationStreamId(protocol));
      if (events.length === 0) {
        console.error(`no manifestation ${protocol}`);
        return 1;
      }
      console.log(`manifestation ${protocol}`);
      const calendar = new BusinessCalendar(config.calendar);
      for (const line of timeline(events, (instant) => calendar.toLocalIso(instant))) console.log(line);
      return 0;
    });
  },

  'projections:rebuild': (config, [name]) => {
    const projection = readModelProjections().find((p) => p.name === name);
    if (!projection) throw new UsageError(name ? `no projection ${name}` : 'projections:rebuild needs a projection name');
    const storage = new ReadModelDirectory(join(config.dataDir, READ_MODELS_DIR));
    // As the server's read models follow it (see ReadModels): as stored, or opened.
    return withOpenedStore(config, async (store) => {
      const started = Date.now();
      let reported = started;
      const log = projection.readsPersonalValues ? store : store.storedLog();
      const result = await rebuildProjection(log, storage, projection, (position, events) => {
        if (Date.now() - reported < 2000) return;
        reported = Date.now();
        console.log(`  ${events} events applied, at position ${position}`);
      });
      const seconds = (Date.now() - started) / 1000;
      console.log(
        `${result.name} v${result.version} is live: ${result.events} events to position ${result.position} in ${seconds.toFixed(1)} s; ` +
          'a running server switches to it within a second',
      );
      return 0;
    });
  },

  'retention:run': (config) =>
    withOpenedStore(config, async (store, stored) => {
      const clock = { now: () => new Date() };
      const rule = { calendar: new BusinessCalendar(config.calendar), retentionYears: config.personalData.retentionYears };
      const path = new CommandPath(store, clock, { uuid: randomUUID });
      const blobs = await openBlobStore(config);
      const erasure = new Erasure(path, rule, store, clock, await subjectIndexOf(stored), (protocols) =>
        deleteCaseFiles(stored, blobs, protocols),
      );
      const { erased, cases } = await erasure.runRetention().finally(() => blobs.close());
      console.log(
        `retention (${rule.retentionYears} years from closing): personal data of ${erased} data subjects (${cases} cases) erased`,
      );
      return 0;
    }),

  'store:copy': async (config, args) => {
    const { values } = parseArgs({ args, options: { to: { type: 'string' } } });
    if (!values.to || !isConnectionString(values.to)) throw new UsageError('store:copy needs --to <a KurrentDB connection string>');
    const keysFile = join(config.dataDir, KEYS_FILE);
    const kek = config.personalData.keyEncryptionKey;
    if (existsSync(keysFile) && !kek) {
      throw new UsageError(
        'store:copy needs KEY_ENCRYPTION_KEY (the one the instances will use): the data keys go into the cluster sealed with it',
      );
    }
    const source = new SqliteEventStore({ file: join(config.dataDir, EVENTS_FILE), synchronous: config.sqliteSynchronous });
    const target = new KurrentDbEventStore({ url: values.to, streamPrefix: config.kurrentStreamPrefix });
    try {
      // Keys first: an instance that already reads the target never meets a value without its key.
      if (existsSync(keysFile)) {
        const keys = await SqliteKeyStore.open(keysFile, source, kek);
        const shared = new KurrentDbKeyStore(values.to, config.kurrentStreamPrefix, kek!);
        try {
          let count = 0;
          for (const { subject, id, key } of keys.all()) {
            await shared.store(subject, { id, key });
            count++;
          }
          console.log(`copied ${count} data keys`);
        } finally {
          await keys.close();
          await shared.close();
        }
      }
      let reported = Date.now();
      const done = await copyStore(source, target, source.dailySequence().counters(), ({ read, copied }) => {
        if (Date.now() - reported < 2000) return;
        reported = Date.now();
        console.log(`  ${read} events read, ${copied} copied`);
      });
      console.log(`copied ${done.copied} events (${done.read - done.copied} were there already); verifying the target...`);
      const report = await verifyLog(target);
      if (report.broken) {
        const { position, streamId, revision, reason } = report.broken;
        console.error(`BROKEN in the target at position ${position} (stream ${streamId}, revision ${revision}): ${reason}`);
        return 1;
      }
      console.log(`the target is intact: ${report.events} events in ${report.streams} streams, ${report.seals} seals checked`);
      const handedOver = await handOverRelayProgress(config.dataDir, target);
      if (handedOver) console.log(`the Kafka relay goes on there after position ${handedOver.position} (event ${handedOver.eventId})`);
      const secret = config.personalData.secret
        ? 'this PERSONAL_DATA_SECRET'
        : `the content of ${join(config.dataDir, 'personal-data-secret')}`;
      console.log(`every instance on the target needs KEY_ENCRYPTION_KEY as here and PERSONAL_DATA_SECRET set to ${secret}`);
      return 0;
    } finally {
      await target.close();
      await source.close();
    }
  },

  backup: (config, args) => {
    const { values } = parseArgs({ args, options: { to: { type: 'string' } } });
    if (!values.to) throw new UsageError('backup needs --to <an empty or new folder>');
    return backupCommand(config, values.to, terminal);
  },

  restore: (config, args) => {
    const { values } = parseArgs({ args, options: { from: { type: 'string' } } });
    if (!values.from) throw new UsageError('restore needs --from <a folder written by backup>');
    return restoreCommand(config, values.from, terminal);
  },

  'token:mint': async (config, args) => {
    const { values } = parseArgs({
      args,
      options: {
        role: { type: 'string' },
        sub: { type: 'string' },
        department: { type: 'string' },
        ttl: { type: 'string', default: '8h' },
      },
    });
    if (config.auth.jwksUrl) throw new UsageError('JWT_JWKS_URL is set: tokens come from your identity provider, not from here');
    const ttl = parseTtl(values.ttl!);
    if (ttl === null) throw new UsageError('--ttl must be a number with s, m, h or d (at most 400d), e.g. 8h');
    if (!values.role || !values.sub) throw new UsageError('token:mint needs --role and --sub');
    const principal = { role: values.role as Role, sub: values.sub, department: values.department };
    const { issuer, audience } = config.auth;
    console.log(await mintToken(hs256Secret(config.auth.secret, config.dataDir), principal, ttl, { issuer, audience }));
    return 0;
  },
};

const terminal = { out: (line: string) => console.log(line), err: (line: string) => console.error(line) };

/** Runs with the log as stored: what audits verify and seal. */
async function withStore(config: AppConfig, run: (store: EventStore) => Promise<number>): Promise<number> {
  const store = openEventStore(config);
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}

/** Runs with the log as the application reads it: personal data opened (or shown as erased); and as stored. */
async function withOpenedStore(
  config: AppConfig,
  run: (store: EncryptingEventStore, stored: EventStore) => Promise<number>,
): Promise<number> {
  const stored = openEventStore(config);
  let store: EventStore = stored;
  try {
    const opened = await withPersonalData(config, stored);
    store = opened;
    return await run(opened, stored);
  } finally {
    await store.close();
  }
}

async function main([name, ...args]: string[]): Promise<number> {
  const command = COMMANDS[name];
  if (!command) throw new UsageError(name ? `unknown command ${name}` : 'no command given');
  return command(loadConfig(), args);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    if (error instanceof MissingKeyStore || error instanceof UnsupportedStoredFormat) {
      console.error(error.message);
      process.exit(1);
    }
    if (error instanceof StoreUnavailable) {
      console.error(`the event store is unavailable (${error.reason}): ${error.message} (try again once it is back)`);
      process.exit(69); // EX_UNAVAILABLE
    }
    // Bad flags (parseArgs), a bad role or department (InvalidClaims): the caller's mistake.
    const usage =
      error instanceof UsageError ||
      error instanceof InvalidClaims ||
      String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS');
    console.error(usage ? `${error.message}\n${USAGE}` : error);
    process.exit(usage ? 64 : 1); // EX_USAGE
  },
);
