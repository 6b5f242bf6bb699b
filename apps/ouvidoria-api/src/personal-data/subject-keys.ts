/** What erasure and subject access need of the sealing layer (`EncryptingEventStore`). */
export interface SubjectKeys {
  /** The pseudonym of a data subject named as `dataSubjectOf` names it (`document:<digits>`, `case:<protocol>`). */
  pseudonymOf(dataSubject: string): string;
  /** Destroys the subject's keys (crypto-shredding); how many there were. */
  shred(subject: string): Promise<number>;
}

export const SUBJECT_KEYS = Symbol('SubjectKeys');
