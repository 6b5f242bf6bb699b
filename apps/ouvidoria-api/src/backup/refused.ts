/** A backup or restore that will not go on, with the one line that says why; nothing was left half-done. */
export class Refused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Refused';
  }
}

/** KurrentDB keeps the log and the data keys: it is backed up and restored with its own procedure, not by copying our files. */
export const ON_KURRENTDB =
  "EVENT_STORE=kurrentdb: the log and the data keys live in the KurrentDB cluster; back it up with KurrentDB's own " +
  "procedure (a file copy of a node's database and index folders in the documented order, or a disk snapshot: " +
  'KurrentDB docs, "Backup and restore"), and keep KEY_ENCRYPTION_KEY and PERSONAL_DATA_SECRET with it';
