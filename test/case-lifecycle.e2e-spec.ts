import { bearer } from './support/auth';
import { complaint } from './support/fixtures';
import { get, post } from './support/http';
import { startTestApp, type TestApp } from './support/test-app';

describe('a case from registration to satisfaction, over HTTP', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp('2026-04-01T10:00:00-03:00');
  });
  afterAll(() => app.close());

  it('walks every step and keeps the whole history with metadata and a hash chain', async () => {
    const actor = { ...(await bearer('ouvidoria', 'maria.analista')), 'x-correlation-id': 'corr-42' };

    // Registered on Wed 2026-04-01: Good Friday is skipped, the deadline is Mon 2026-04-13.
    const registered = await post(app.url, '/manifestations', complaint(), actor);
    expect(registered.status).toBe(201);
    const protocol = registered.body.protocol;
    expect(protocol).toBe('12345620260401000001');
    expect(registered.headers.get('location')).toBe(`/manifestations/${protocol}`);
    expect(registered.headers.get('etag')).toBe('"0"');
    expect(registered.body).toMatchObject({
      type: 'RECLAMACAO',
      origin: 'DIRECT',
      status: 'OPEN',
      theme: null,
      contractType: 'INDIVIDUAL_FAMILIAR',
      requester: { kind: 'BENEFICIARIO', anonymous: false, name: 'Maria da Silva', document: '52998224725' },
      receivedAt: '2026-04-01T10:00:00.000-03:00',
      deadline: '2026-04-13T23:59:59.999-03:00',
      extended: false,
      forwardings: [],
      revision: 0,
    });

    const path = `/manifestations/${protocol}`;
    const classified = await post(app.url, `${path}/classification`, { theme: 'COBERTURA_ASSISTENCIAL' }, { ...actor, 'if-match': '"0"' });
    expect(classified.status).toBe(200);
    expect(classified.headers.get('etag')).toBe('"1"');
    expect(classified.body.theme).toBe('COBERTURA_ASSISTENCIAL');

    app.clock.set('2026-04-02T09:00:00-03:00');
    const forwarded = await post(app.url, `${path}/forwardings`, { department: 'regulacao', instructions: 'Rever a negativa' }, actor);
    expect(forwarded.status).toBe(200);
    const [forwarding] = forwarded.body.forwardings;
    expect(forwarding).toMatchObject({
      department: 'regulacao',
      status: 'PENDING',
      forwardedAt: '2026-04-02T09:00:00.000-03:00',
      dueAt: '2026-04-08T23:59:59.999-03:00', // 3 business days, Good Friday skipped
    });

    app.clock.set('2026-04-06T15:00:00-03:00');
    const replied = await post(app.url, `${path}/forwardings/${forwarding.forwardingId}/reply`, { text: 'Negativa revertida' }, actor);
    expect(replied.status).toBe(200);
    expect(replied.body.forwardings[0]).toMatchObject({
      status: 'REPLIED',
      reply: { text: 'Negativa revertida', repliedAt: '2026-04-06T15:00:00.000-03:00' },
    });

    const extended = await post(
      app.url,
      `${path}/extension`,
      { justification: 'Aguardando laudo do prestador credenciado', businessDays: 15, agreedWithRequester: true },
      actor,
    );
    expect(extended.status).toBe(200);
    // 15 business days from 2026-04-01, skipping Good Friday, Tiradentes (04-21) and Labour Day (05-01).
    expect(extended.body).toMatchObject({ extended: true, deadline: '2026-04-24T23:59:59.999-03:00' });

    app.clock.set('2026-04-16T11:00:00-03:00');
    const answered = await post(app.url, `${path}/answer`, { text: 'Exame autorizado', outcome: 'PROCEDENTE' }, actor);
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({
      status: 'ANSWERED',
      answer: {
        outcome: 'PROCEDENTE',
        timeliness: 'WITHIN_AGREED_DEADLINE',
        businessDaysTaken: 10,
        answeredAt: '2026-04-16T11:00:00.000-03:00',
      },
    });

    const closed = await post(app.url, `${path}/close`, { reason: 'RESPONDIDA' }, actor);
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'CLOSED', closed: { reason: 'RESPONDIDA', at: '2026-04-16T11:00:00.000-03:00' } });

    const rated = await post(app.url, `${path}/satisfaction`, { score: 4, comment: 'Resolveram' }, actor);
    expect(rated.status).toBe(200);
    expect(rated.headers.get('etag')).toBe('"7"');

    const current = await get(app.url, path);
    expect(current.status).toBe(200);
    expect(current.headers.get('etag')).toBe('"7"');
    expect(current.body).toEqual(rated.body);
    expect(current.body.satisfaction).toEqual({ score: 4, comment: 'Resolveram', recordedAt: '2026-04-16T11:00:00.000-03:00' });

    const history = await get(app.url, `${path}/history`);
    expect(history.status).toBe(200);
    expect(history.body.protocol).toBe(protocol);
    expect(history.body.events.map((e: { type: string }) => e.type)).toEqual([
      'ManifestationRegistered',
      'ManifestationClassified',
      'ForwardedToManagement',
      'ManagementReplied',
      'DeadlineExtended',
      'ManifestationAnswered',
      'ManifestationClosed',
      'SatisfactionRecorded',
    ]);
    history.body.events.forEach((event: any, index: number) => {
      expect(event.revision).toBe(index);
      expect(event.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(event.metadata).toMatchObject({
        actor: { sub: 'maria.analista', role: 'ouvidoria' },
        correlationId: 'corr-42',
        eventId: expect.any(String),
      });
      expect(event.metadata.causationId).toEqual(expect.any(String));
    });
    expect(new Set(history.body.events.map((e: any) => e.hash)).size).toBe(8);
  });

  it("records the token's subject and role as the actor, and a correlation id per request", async () => {
    const registered = await post(app.url, '/manifestations', complaint());
    const history = await get(app.url, `/manifestations/${registered.body.protocol}/history`);
    const [metadata] = history.body.events.map((e: any) => e.metadata);
    expect(metadata.actor).toEqual({ sub: 'analista', role: 'ouvidoria' });
    expect(metadata.correlationId).toBe(metadata.causationId);
  });

  it('answers late with a reason once the deadline has passed', async () => {
    app.clock.set('2026-05-04T10:00:00-03:00');
    const { body } = await post(app.url, '/manifestations', complaint());
    app.clock.set('2026-05-14T10:00:00-03:00'); // deadline was 2026-05-13
    const refused = await post(app.url, `/manifestations/${body.protocol}/answer`, { text: 'Resposta', outcome: 'IMPROCEDENTE' });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('LATE_REASON_REQUIRED');
    const late = await post(app.url, `/manifestations/${body.protocol}/answer`, {
      text: 'Resposta',
      outcome: 'IMPROCEDENTE',
      lateReason: 'Prestador demorou a enviar o laudo',
    });
    expect(late.status).toBe(200);
    expect(late.body.answer).toMatchObject({ timeliness: 'LATE', businessDaysTaken: 8, lateReason: 'Prestador demorou a enviar o laudo' });
  });
});
