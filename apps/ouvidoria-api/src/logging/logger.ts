import pino, { type Logger } from 'pino';
import { Writable } from 'node:stream';
import type { OperationsConfig } from '../config/operations-config';

export type { Logger } from 'pino';

/**
 * The process's one logger: JSON lines on stdout (for a log shipper), or readable lines when
 * `LOG_FORMAT=pretty` (the default at a terminal). Written synchronously so that the last lines
 * before a crash are not lost in a buffer. What goes in is never personal data or a token: the
 * callers log ids, counts, states and route templates (docs/operations.md).
 */
export function createLogger(
  config: Pick<OperationsConfig, 'logFormat' | 'logLevel'>,
  out: NodeJS.WritableStream = process.stdout,
): Logger {
  const options = { level: config.logLevel, base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime };
  if (config.logFormat === 'json') return pino(options, out === process.stdout ? pino.destination({ dest: 1, sync: true }) : out);
  return pino(options, readable(out));
}

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const OMITTED = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'context']);

/** `12:00:01 INFO  [ReadModels] read models caught up … key=value`: pino's JSON turned into a line for people. */
function readable(out: NodeJS.WritableStream): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      const entry = JSON.parse(chunk.toString()) as Record<string, unknown>;
      const time = typeof entry.time === 'string' ? entry.time.slice(11, 19) : '';
      const context = entry.context ? `[${String(entry.context)}] ` : '';
      const fields = Object.entries(entry)
        .filter(([key]) => !OMITTED.has(key))
        .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
        .join(' ');
      const level = (LEVELS[entry.level as number] ?? String(entry.level)).padEnd(5);
      out.write(`${time} ${level} ${context}${String(entry.msg ?? '')}${fields ? `  ${fields}` : ''}\n`);
      done();
    },
  });
}
