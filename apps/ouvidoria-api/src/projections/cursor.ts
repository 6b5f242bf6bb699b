import { InvalidInput } from '../input/invalid-input';

/**
 * Keyset cursors: the sort key and the unique id of the last row of a page, opaque to clients.
 * Pages do not shift when rows are added before the cursor.
 */
export const encodeCursor = (sortKey: number, id: string): string => Buffer.from(`${sortKey}:${id}`).toString('base64url');

export function decodeCursor(cursor: string, idPattern: RegExp): [number, string] {
  const text = Buffer.from(cursor, 'base64url').toString();
  const separator = text.indexOf(':');
  const sortKey = text.slice(0, separator);
  const id = text.slice(separator + 1);
  if (separator < 1 || !/^\d{1,15}$/.test(sortKey) || !idPattern.test(id)) {
    const message = 'cursor must be a nextCursor returned by this query';
    throw new InvalidInput('VALIDATION_FAILED', message, [{ field: 'cursor', rule: 'cursor', message }]);
  }
  return [Number(sortKey), id];
}
