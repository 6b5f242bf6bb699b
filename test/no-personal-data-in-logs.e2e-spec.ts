import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bearer } from './support/auth';
import { complaint } from './support/fixtures';
import { get, post } from './support/http';
import { kill9, startServerProcess } from './support/server-process';

const REQUEST_ID = 'walk-through-0001';

/** Strings of one requester found nowhere else: none may reach the server's log. */
const PERSONAL = {
  name: 'Clotilde Macaubeira',
  document: '52998224725',
  email: 'clotilde.macaubeira@example.com',
  phone: '+55 83 98877-6655',
  beneficiaryCard: '0099887766554433',
  subject: 'Sessões de hemodiálise Macaubeira',
  description: 'Clotilde precisa de hemodiálise três vezes por semana',
  instructions: 'Rever o caso da hemodiálise de Macaubeira',
  reply: 'Hemodiálise de Clotilde liberada',
  justification: 'Laudo nefrológico de Macaubeira pendente no prestador',
  answer: 'Clotilde: sessões autorizadas',
  comment: 'Macaubeira agradece',
};

describe("a server's log after a whole case life", () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'ouvidoria-logs-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("holds no requester's data, no free text and no token", async () => {
    // Retention 0: the closed case may be erased at once, which the life below ends with.
    const server = await startServerProcess({ DATA_DIR: dir, OPERATOR_ANS_REGISTRATION: '123456', RETENTION_YEARS: '0' });
    const token = await bearer('ouvidoria', 'analista');
    try {
      const { name, document, email, phone, beneficiaryCard, subject, description } = PERSONAL;
      const requester = { kind: 'BENEFICIARIO', name, document, email, phone, beneficiaryCard };
      const registered = await post(server.url, '/manifestations', complaint({ requester, subject, description }), {
        ...token,
        'x-request-id': REQUEST_ID,
      });
      expect(registered.status).toBe(201);
      expect(registered.headers.get('x-request-id')).toBe(REQUEST_ID);
      const path = `/manifestations/${registered.body.protocol}`;
      const steps = [
        await post(server.url, `${path}/classification`, { theme: 'COBERTURA_ASSISTENCIAL' }, token),
        await post(server.url, `${path}/forwardings`, { department: 'regulacao', instructions: PERSONAL.instructions }, token),
      ];
      const forwardingId = steps[1].body.forwardings[0].forwardingId;
      const department = await bearer('department', 'regulacao-user', 'regulacao');
      steps.push(
        await post(server.url, `${path}/forwardings/${forwardingId}/reply`, { text: PERSONAL.reply }, department),
        await post(
          server.url,
          `${path}/extension`,
          { justification: PERSONAL.justification, businessDays: 15, agreedWithRequester: true },
          token,
        ),
        await post(server.url, `${path}/answer`, { text: PERSONAL.answer, outcome: 'PROCEDENTE' }, token),
        await post(server.url, `${path}/close`, { reason: 'RESPONDIDA' }, token),
        await post(server.url, `${path}/satisfaction`, { score: 4, comment: PERSONAL.comment }, token),
      );
      const dpo = await bearer('dpo', 'encarregado');
      steps.push(
        await get(server.url, `/data-subjects/${document}/export`, dpo),
        await post(server.url, '/data-subjects/erasure', { document }, dpo),
      );
      expect(steps.map((s) => s.status)).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200]);
      // Refusals and a bad body echo nothing personal into the log either.
      expect((await post(server.url, '/manifestations', { ...complaint({ requester }), channel: 'POMBO' }, token)).status).toBe(400);
      expect((await get(server.url, `${path}/history`, token)).status).toBe(200);
    } finally {
      await kill9(server.child);
    }
    const log = server.output();
    expect(log).toMatch(/listening on/);
    for (const value of Object.values(PERSONAL)) expect(log).not.toContain(value);
    for (const word of ['Clotilde', 'Macaubeira', 'hemodiálise']) expect(log).not.toContain(word);
    expect(log).not.toContain(token.authorization.replace(/^Bearer /, ''));

    // JSON lines, one access line per request: route template, status, duration, caller, request id.
    const lines = log
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    // The test's own readiness polls (startServerProcess) left aside.
    const access = lines.filter((line) => line.context === 'http' && line.route !== '/health/ready');
    expect(access).toHaveLength(12);
    expect(access[0]).toMatchObject({
      msg: 'request',
      requestId: REQUEST_ID,
      method: 'POST',
      route: '/manifestations',
      status: 201,
      client: 'ouvidoria:analista',
      durationMs: expect.any(Number),
    });
    expect(access.map((line) => line.route)).toContain('/data-subjects/:document/export');
    expect(access.find((line) => line.route === '/manifestations/:protocol/forwardings/:forwardingId/reply')).toMatchObject({
      client: 'department:regulacao-user',
    });
    // The request id is the correlation of the events the request wrote; their causation is the server's own id, on the same line.
    const db = new Database(join(dir, 'events.sqlite'), { readonly: true });
    const [first] = db
      .prepare<[], { metadata: string }>("SELECT metadata FROM events WHERE type = 'ManifestationRegistered'")
      .all()
      .map((row) => JSON.parse(row.metadata) as { correlationId: string; causationId: string });
    db.close();
    expect(first).toMatchObject({ correlationId: REQUEST_ID, causationId: access[0].causationId });
    expect(access[0].causationId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
