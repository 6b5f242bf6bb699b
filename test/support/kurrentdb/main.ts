import { KurrentDbTestServer } from './server';

/**
 * One test server for several processes:
 *   node -r ts-node/register/transpile-only test/support/kurrentdb/main.ts [--port N]
 * prints its connection string and serves (in memory) until killed.
 */
async function main(): Promise<void> {
  const flag = process.argv.indexOf('--port');
  const port = flag === -1 ? undefined : Number(process.argv[flag + 1]);
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536))
    throw new Error(`--port needs a port number, got ${process.argv[flag + 1]}`);
  const server = await KurrentDbTestServer.start({ port });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void server.stop().then(() => process.exit(0)));
  console.log(`kurrentdb test server listening on ${server.url}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
