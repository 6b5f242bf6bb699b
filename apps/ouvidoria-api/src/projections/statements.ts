import type Database from 'better-sqlite3';

const prepared = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/**
 * `sql` prepared on `db`, once per database: a projection holds no statements of its own, so the
 * same projection serves any version of its read model (a rebuild's, the live one's).
 */
export function statement<P extends unknown[] | Record<string, unknown> = unknown[], R = unknown>(
  db: Database.Database,
  sql: string,
): Database.Statement<P, R> {
  let byText = prepared.get(db);
  if (!byText) prepared.set(db, (byText = new Map()));
  let found = byText.get(sql);
  if (!found) byText.set(sql, (found = db.prepare(sql)));
  return found as Database.Statement<P, R>;
}
