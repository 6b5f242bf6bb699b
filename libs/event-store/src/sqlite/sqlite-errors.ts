import { StoreUnavailable, type UnavailableReason } from '../event-store.port';

/** SQLite result codes that mean the file, the disk or a lock failed, not the request. */
const REASONS: Array<[RegExp, UnavailableReason]> = [
  [/^SQLITE_FULL$/, 'disk_full'],
  [/^SQLITE_(BUSY|LOCKED)/, 'busy'],
  [/^SQLITE_(IOERR|CANTOPEN|READONLY|NOMEM|CORRUPT|NOTADB|PROTOCOL)/, 'io_error'],
];

/**
 * The error as the port names it: a SQLite failure of the file or disk becomes `StoreUnavailable`
 * (the cause kept for the log); a closed connection too. Anything else is returned unchanged.
 */
export function asStoreError(error: unknown): unknown {
  if (error instanceof StoreUnavailable) return error;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    const match = REASONS.find(([pattern]) => pattern.test(code));
    if (match) return new StoreUnavailable(match[1], `${code}: ${String(message)}`, { cause: error });
  }
  if (error instanceof TypeError && /database connection is not open/.test(error.message)) {
    return new StoreUnavailable('unreachable', 'the event store is closed', { cause: error });
  }
  return error;
}
