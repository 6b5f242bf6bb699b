/**
 * Operator and auditor commands: `npm run cli -- <command>`.
 *
 *   audit:verify               checks the hash chain of every stream; exit 1 at the first break
 *   audit:replay <protocol>    prints a case's timeline: when, who, what
 *
 * It reads the same DATA_DIR as the server and may run while the server does.
 */
import { BusinessCalendar, isProtocol } from '@app/domain';
import { SqliteEventStore } from '@app/event-store';
import { join } from 'node:path';
import { manifestationStreamId } from './application/manifestation-stream';
import { timeline } from './audit/timeline';
import { verifyLog } from './audit/verify-log';
import { ConfigError, loadConfig } from './config/app-config';

const USAGE = 'usage: npm run cli -- audit:verify | audit:replay <protocol>';

async function main(args: string[]): Promise<number> {
  const [command, argument] = args;
  if (command !== 'audit:verify' && command !== 'audit:replay') {
    console.error(USAGE);
    return 64; // EX_USAGE
  }
  const config = loadConfig();
  const store = new SqliteEventStore({ file: join(config.dataDir, 'events.sqlite'), synchronous: config.sqliteSynchronous });
  try {
    if (command === 'audit:verify') {
      const report = await verifyLog(store);
      if (report.broken) {
        const { streamId, revision, reason } = report.broken;
        console.error(`BROKEN: stream ${streamId} at revision ${revision}: ${reason}`);
        return 1;
      }
      console.log(`intact: ${report.events} events in ${report.streams} streams`);
      return 0;
    }
    if (!argument || !isProtocol(argument)) {
      console.error(USAGE);
      return 64;
    }
    const events = await store.readStream(manifestationStreamId(argument));
    if (events.length === 0) {
      console.error(`no manifestation ${argument}`);
      return 1;
    }
    console.log(`manifestation ${argument}`);
    const calendar = new BusinessCalendar(config.calendar);
    for (const line of timeline(events, (instant) => calendar.toLocalIso(instant))) console.log(line);
    return 0;
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(error instanceof ConfigError ? 78 : 1);
  },
);
