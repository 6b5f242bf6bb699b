/** A data subject's key: the id stored beside what it sealed, and the key itself. */
export interface DataKey {
  id: string;
  key: Buffer;
}

/**
 * Data keys of data subjects, outside the event log: destroying a subject's keys erases every
 * personal value sealed with them, although the log itself is never rewritten (crypto-shredding).
 * Subjects are named by their pseudonym (`SubjectPseudonyms`), never by a document.
 */
export interface KeyStore {
  /** The subject's key, created on first use. */
  keyFor(subject: string): Promise<DataKey>;
  /** A key of the subject by its id; null once the subject's keys were destroyed (or never existed). */
  key(subject: string, id: string): Promise<Buffer | null>;
  /** Destroys every key of the subject, irreversibly; how many there were (0 when none is left: idempotent). */
  destroy(subject: string): Promise<number>;
  /** Forgets what it remembers of the subject's keys: another instance destroyed them. */
  forget(subject: string): void;
  close(): Promise<void>;
}
