import { MIN_SECRET_LENGTH } from '../config/app-config';
import { secretInDataDir } from '../config/secret-file';

/**
 * The HS256 key: `JWT_SECRET` when configured, else the one kept in `DATA_DIR/jwt-secret`,
 * created the first time anything asks. Server and CLI call this alike, so a token minted by the
 * CLI verifies on the server.
 */
export function hs256Secret(configured: string | undefined, dataDir: string): Uint8Array {
  return new TextEncoder().encode(configured ?? secretInDataDir(dataDir, 'jwt-secret', MIN_SECRET_LENGTH));
}
