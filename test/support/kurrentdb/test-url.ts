import { KurrentDbTestServer } from './server';

/**
 * The KurrentDB integration tests talk to: a real node when KURRENTDB_TEST_URL is set
 * (e.g. `kurrentdb://localhost:2113?tls=false`), otherwise a test server of their own.
 * `server` is there only for the test server, so tests that need it can skip on a real node.
 */
export async function kurrentDbForTests(): Promise<{ url: string; server?: KurrentDbTestServer; close(): Promise<void> }> {
  const url = process.env.KURRENTDB_TEST_URL;
  if (url) return { url, close: async () => undefined };
  const server = await KurrentDbTestServer.start();
  return { url: server.url, server, close: () => server.stop() };
}
