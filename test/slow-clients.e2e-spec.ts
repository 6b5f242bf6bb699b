import { bearer } from './support/auth';
import { get } from './support/http';
import { openSocket, parseResponses } from './support/raw-http';
import { kill9, startServerProcess, type ServerProcess } from './support/server-process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Clients that send slowly, or go away mid-request, on a real server process (its log is read too). */
describe('slow and vanishing clients', () => {
  let server: ServerProcess;
  let dataDir: string;
  let authorization: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ouvidoria-slow-'));
    server = await startServerProcess({ DATA_DIR: dataDir, HTTP_REQUEST_TIMEOUT_SECONDS: '2', HTTP_HEADERS_TIMEOUT_SECONDS: '1' });
    authorization = (await bearer('ouvidoria', 'analista')).authorization;
  });
  afterAll(async () => {
    await kill9(server.child);
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Drips `text` one byte every `everyMs` until the server answers or closes; what it got back. */
  async function drip(text: string, everyMs: number, limitMs: number) {
    const { socket, received, closed } = await openSocket(server.url);
    let open = true;
    void closed.then(() => (open = false));
    const started = Date.now();
    for (let i = 0; open && i < text.length && Date.now() - started < limitMs; i++) {
      socket.write(text[i]);
      await new Promise((r) => setTimeout(r, everyMs));
    }
    await Promise.race([closed, new Promise((r) => setTimeout(r, limitMs))]);
    const stillOpen = open;
    socket.destroy();
    return { responses: parseResponses(received()), closedByServer: !stillOpen };
  }

  it('answers a body sent at a byte per 300 ms with 408 problem+json and closes, serving others meanwhile', async () => {
    const head = `POST /manifestations HTTP/1.1\r\nHost: x\r\nAuthorization: ${authorization}\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n`;
    const dripping = drip(head + '{'.repeat(400), 300, 60_000);
    await new Promise((r) => setTimeout(r, 1000));
    expect((await get(server.url, '/health')).status).toBe(200);
    const { responses, closedByServer } = await dripping;
    expect(closedByServer).toBe(true);
    expect(responses).toEqual([expect.objectContaining({ status: 408 })]);
    expect(responses[0].headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(responses[0].body)).toMatchObject({ status: 408, code: 'REQUEST_TIMEOUT' });
  });

  it('closes a connection whose headers never end', async () => {
    const { closedByServer } = await drip(`GET /health HTTP/1.1\r\nHost: x\r\n${'X-Slow: a\r\n'.repeat(200)}`, 100, 60_000);
    expect(closedByServer).toBe(true);
  });

  it('lets a client go away mid-body without an error in the log, and keeps serving', async () => {
    const { socket } = await openSocket(server.url);
    socket.write(
      `POST /manifestations HTTP/1.1\r\nHost: x\r\nAuthorization: ${authorization}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"type":`,
    );
    await new Promise((r) => setTimeout(r, 200));
    socket.destroy();
    await new Promise((r) => setTimeout(r, 500));
    expect((await get(server.url, '/health')).status).toBe(200);
    expect(server.output()).not.toMatch(/ERROR|at .*\.js:\d+/);
  });
});
