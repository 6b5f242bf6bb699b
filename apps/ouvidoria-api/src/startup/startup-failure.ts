/**
 * A reason the server cannot start that the operator fixes (a port in use, a folder it may not
 * write, a lock held by another server, an identity provider out of reach): printed as one line,
 * no stack trace, and the process exits non-zero.
 */
export class StartupFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupFailure';
  }
}

/** The errno code of a Node error, if it has one. */
export const errnoOf = (error: unknown): string | undefined => (error as NodeJS.ErrnoException | undefined)?.code;

/** What a failed `listen` means for the operator; undefined for anything unexpected. */
export function listenFailure(error: unknown, host: string, port: number, setting: string): StartupFailure | undefined {
  const where = `${host}:${port}`;
  switch (errnoOf(error)) {
    case 'EADDRINUSE':
      return new StartupFailure(`${where} is already in use by another process: stop it, or set ${setting} to a free port`);
    case 'EACCES':
      return new StartupFailure(`this user may not listen on ${where} (ports below 1024 need privileges): set ${setting} to 1024 or above`);
    case 'EADDRNOTAVAIL':
      return new StartupFailure(`${host} is not an address of this machine: set the host to one of its addresses, or 0.0.0.0`);
    default:
      return undefined;
  }
}
