import { bearer } from './support/auth';
import { complaint } from './support/fixtures';
import { get, post } from './support/http';
import { expectProblem } from './support/problem';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * A department sees and acts on what was forwarded to it, minimised, and nothing else: asking for
 * another department's case, forwarding or inbox looks exactly like asking for one that does not exist.
 */
describe('department access', () => {
  let app: TestApp;
  let regulacao: Record<string, string>;
  let ours: string;
  let theirs: string;
  let ourForwarding: string;
  let theirForwarding: string;
  const UNKNOWN = '12345620260401999999';

  const forward = async (protocol: string, department: string, extra: Record<string, unknown> = {}) => {
    const res = await post(app.url, `/manifestations/${protocol}/forwardings`, { department, instructions: 'Verificar', ...extra });
    expect(res.status).toBe(200);
    return res.body.forwardings[res.body.forwardings.length - 1].forwardingId as string;
  };
  /** A problem body without `instance`, which names the URL asked for. */
  const sameness = (body: Record<string, unknown>) => ({ ...body, instance: undefined, detail: undefined });

  beforeAll(async () => {
    app = await startTestApp('2026-04-01T10:00:00-03:00');
    regulacao = await bearer('department', 'ana', 'regulacao');
    ours = (await post(app.url, '/manifestations', complaint())).body.protocol;
    theirs = (await post(app.url, '/manifestations', complaint())).body.protocol;
    ourForwarding = await forward(ours, 'regulacao');
    theirForwarding = await forward(theirs, 'financeiro');
    await post(app.url, `/manifestations/${ours}/answer`, { text: 'Exame autorizado', outcome: 'PROCEDENTE' });
  });
  afterAll(() => app.close());

  it('gets a case forwarded to it in the minimised view, with its ETag', async () => {
    const res = await get(app.url, `/manifestations/${ours}`, regulacao);
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"2"');
    expect(res.body).toEqual({
      protocol: ours,
      type: 'RECLAMACAO',
      status: 'ANSWERED',
      theme: null,
      subject: complaint().subject,
      description: complaint().description,
      receivedAt: '2026-04-01T10:00:00.000-03:00',
      deadline: '2026-04-13T23:59:59.999-03:00',
      requester: { kind: 'BENEFICIARIO' },
      forwardings: [expect.objectContaining({ forwardingId: ourForwarding, department: 'regulacao', status: 'PENDING' })],
      attachments: [],
      revision: 2,
    });
  });

  it("answers another department's case exactly as an unknown one: 404, nothing else", async () => {
    const other = await get(app.url, `/manifestations/${theirs}`, regulacao);
    const unknown = await get(app.url, `/manifestations/${UNKNOWN}`, regulacao);
    expectProblem(other, 404, 'MANIFESTATION_NOT_FOUND');
    expect(sameness(other.body)).toEqual(sameness(unknown.body));
    expect(other.headers.get('etag')).toBeNull();
  });

  it("refuses a reply to another department's forwarding as if it did not exist, even with If-Match", async () => {
    const replyTo = (protocol: string, forwardingId: string, headers: Record<string, string> = {}) =>
      post(app.url, `/manifestations/${protocol}/forwardings/${forwardingId}/reply`, { text: 'Feito' }, { ...regulacao, ...headers });
    const results = [
      await replyTo(theirs, theirForwarding),
      await replyTo(theirs, theirForwarding, { 'if-match': '"0"' }), // a stale ETag must not reveal the case either
      await replyTo(ours, theirForwarding),
      await replyTo(UNKNOWN, theirForwarding),
    ];
    for (const res of results) expectProblem(res, 404, 'FORWARDING_NOT_FOUND');
    expect(new Set(results.map((r) => JSON.stringify(sameness(r.body)))).size).toBe(1);
    // Nothing was written to the other department's case.
    expect((await get(app.url, `/manifestations/${theirs}`)).body.forwardings[0].status).toBe('PENDING');
  });

  it('replies to its own forwarding, gets its own view back, and is recorded as the actor', async () => {
    const res = await post(app.url, `/manifestations/${ours}/forwardings/${ourForwarding}/reply`, { text: 'Liberado' }, regulacao);
    expect(res.status).toBe(200);
    expect(res.body).not.toHaveProperty('answer');
    expect(res.body.forwardings[0]).toMatchObject({ status: 'REPLIED', reply: { text: 'Liberado' } });
    const history = await get(app.url, `/manifestations/${ours}/history`);
    expect(history.body.events.at(-1).metadata.actor).toEqual({ sub: 'ana', role: 'department', department: 'regulacao' });
  });

  it('reads its own inbox, and gets 404 for any other', async () => {
    const own = await get(app.url, '/departments/regulacao/forwardings', regulacao);
    expect(own.status).toBe(200);
    expect(own.body.items.map((i: { forwardingId: string }) => i.forwardingId)).toEqual([ourForwarding]);
    expectProblem(await get(app.url, '/departments/financeiro/forwardings', regulacao), 404, 'DEPARTMENT_NOT_FOUND');
  });

  it("never sees anything of a DENUNCIA's requester", async () => {
    const report = (await post(app.url, '/manifestations', complaint({ type: 'DENUNCIA' }))).body.protocol;
    await forward(report, 'regulacao');
    const res = await get(app.url, `/manifestations/${report}`, regulacao);
    expect(res.status).toBe(200);
    expect(res.body).not.toHaveProperty('requester');
  });

  it('sees contact data only when a forwarding to it shared them', async () => {
    const protocol = (await post(app.url, '/manifestations', complaint())).body.protocol;
    await forward(protocol, 'regulacao', { shareRequesterContact: true });
    const res = await get(app.url, `/manifestations/${protocol}`, regulacao);
    expect(res.body.requester).toMatchObject({ email: 'maria@example.com' });
  });
});
