import { complaint } from './support/fixtures';
import { get, post } from './support/http';
import { expectProblem } from './support/problem';
import { startTestApp, type TestApp } from './support/test-app';

/** A department sees its own forwardings, and of the requester only what it needs. */
describe('department inbox over HTTP', () => {
  let app: TestApp;
  let shared: { protocol: string; forwardingId: string; position: string };
  let denuncia: { protocol: string; forwardingId: string };
  let plain: { protocol: string; forwardingId: string };

  const forward = async (protocol: string, body: Record<string, unknown>) => {
    const res = await post(app.url, `/manifestations/${protocol}/forwardings`, { instructions: 'Verificar', ...body });
    expect(res.status).toBe(200);
    const forwarding = res.body.forwardings[res.body.forwardings.length - 1];
    return { protocol, forwardingId: forwarding.forwardingId as string, position: res.headers.get('x-event-position')! };
  };
  const inbox = (code: string, query = '') => get(app.url, `/departments/${code}/forwardings${query}`);

  beforeAll(async () => {
    app = await startTestApp('2026-04-01T10:00:00-03:00');
    const a = (
      await post(
        app.url,
        '/manifestations',
        complaint({
          requester: { kind: 'BENEFICIARIO', name: 'Ana', email: 'ana@example.com', phone: '+55 83 99999-0000', beneficiaryCard: '0012' },
        }),
      )
    ).body.protocol;
    const b = (
      await post(
        app.url,
        '/manifestations',
        complaint({ type: 'DENUNCIA', requester: { kind: 'OUTRO', name: 'Bruno', email: 'b@example.com' } }),
      )
    ).body.protocol;
    const c = (await post(app.url, '/manifestations', complaint())).body.protocol;
    app.clock.set('2026-04-02T09:00:00-03:00');
    plain = await forward(c, { department: 'regulacao', dueInBusinessDays: 5 });
    denuncia = await forward(b, { department: 'regulacao', dueInBusinessDays: 1 });
    shared = await forward(a, { department: 'regulacao', dueInBusinessDays: 3, shareRequesterContact: true });
    await forward(a, { department: 'financeiro' });
  });
  afterAll(() => app.close());

  it('lists only this department, soonest due first, with the case facts it needs', async () => {
    const res = await inbox('regulacao', `?minPosition=${shared.position}`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { forwardingId: string }) => i.forwardingId)).toEqual([
      denuncia.forwardingId,
      shared.forwardingId,
      plain.forwardingId,
    ]);
    expect(res.body.items[1]).toMatchObject({
      protocol: shared.protocol,
      type: 'RECLAMACAO',
      subject: 'Negativa de ressonância',
      description: 'O exame foi negado sem justificativa.',
      instructions: 'Verificar',
      forwardedAt: '2026-04-02T09:00:00.000-03:00',
      dueAt: '2026-04-08T23:59:59.999-03:00',
      status: 'PENDING',
      caseStatus: 'OPEN',
    });
    expect((await inbox('financeiro')).body.items).toHaveLength(1);
    expect((await inbox('juridico')).body).toEqual({ items: [], nextCursor: null });
  });

  it('never shows the requester of a DENUNCIA, and contact data only when the forwarding shared it', async () => {
    const items = (await inbox('regulacao')).body.items as Array<Record<string, unknown>>;
    const byId = new Map(items.map((i) => [i.forwardingId, i]));
    expect(byId.get(denuncia.forwardingId)).not.toHaveProperty('requester');
    expect(byId.get(shared.forwardingId)!.requester).toEqual({
      kind: 'BENEFICIARIO',
      name: 'Ana',
      beneficiaryCard: '0012',
      email: 'ana@example.com',
      phone: '+55 83 99999-0000',
    });
    expect(byId.get(plain.forwardingId)!.requester).toEqual({ kind: 'BENEFICIARIO' });
    const financeiro = (await inbox('financeiro')).body.items[0];
    expect(financeiro.requester).not.toHaveProperty('email');
    expect(financeiro.requester).not.toHaveProperty('phone');
  });

  it('refuses to share the contact of a DENUNCIA requester with 409', async () => {
    const res = await post(app.url, `/manifestations/${denuncia.protocol}/forwardings`, {
      department: 'juridico',
      instructions: 'Apurar',
      shareRequesterContact: true,
    });
    expectProblem(res, 409, 'CONTACT_SHARING_NOT_ALLOWED');
  });

  it('moves a replied forwarding from PENDING to REPLIED, with the reply', async () => {
    app.clock.set('2026-04-03T10:00:00-03:00');
    const replied = await post(app.url, `/manifestations/${plain.protocol}/forwardings/${plain.forwardingId}/reply`, { text: 'Liberado' });
    const position = replied.headers.get('x-event-position');
    const pending = await inbox('regulacao', `?status=PENDING&minPosition=${position}`);
    expect(pending.body.items.map((i: { forwardingId: string }) => i.forwardingId)).not.toContain(plain.forwardingId);
    const done = await inbox('regulacao', '?status=REPLIED');
    expect(done.body.items).toEqual([
      expect.objectContaining({
        forwardingId: plain.forwardingId,
        status: 'REPLIED',
        reply: { text: 'Liberado', repliedAt: '2026-04-03T10:00:00.000-03:00' },
      }),
    ]);
  });

  it('pages with a cursor and refuses bad parameters naming them', async () => {
    const first = await inbox('regulacao', '?limit=2');
    expect(first.body.items).toHaveLength(2);
    const second = await inbox('regulacao', `?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    for (const [query, field] of [
      ['?status=DONE', 'status'],
      ['?limit=0', 'limit'],
      ['?cursor=bad', 'cursor'],
      ['?minPosition=x', 'minPosition'],
    ]) {
      const res = await inbox('regulacao', query);
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    }
    expectProblem(await inbox('Bad Dept'), 400, 'VALIDATION_FAILED');
  });
});
