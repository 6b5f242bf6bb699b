import type { SealedValuesRef } from './sealed-values-ref';

/** What erasure and subject access need of the sealing layer (`EncryptingEventStore`). */
export interface SubjectKeys {
  /** The pseudonym of a data subject named as `dataSubjectOf` names it (`document:<digits>`, `case:<protocol>`). */
  pseudonymOf(dataSubject: string): string;
  /** Destroys the subject's keys (crypto-shredding); how many there were. */
  shred(subject: string): Promise<number>;
  /** Seals a file of the case stream `streamId` with its data subject's key (`context`, e.g. the attachment id, authenticated). */
  sealFile(streamId: string, context: string, bytes: Buffer): Promise<{ sealed: Buffer; keyId: string }>;
  /** The file in clear; null when its key was destroyed (the subject was erased). */
  openFile(streamId: string, keyId: string, context: string, sealed: Buffer): Promise<Buffer | null>;
  /**
   * The personal values of the events a read model points at, by path, in order (`[erased]` where
   * the subject's keys were destroyed); a `DamagedEvent` for values that do not authenticate, or
   * for a pointer to an event the log does not hold there.
   */
  openValues(refs: SealedValuesRef[]): Promise<Record<string, string>[]>;
}

export const SUBJECT_KEYS = Symbol('SubjectKeys');
