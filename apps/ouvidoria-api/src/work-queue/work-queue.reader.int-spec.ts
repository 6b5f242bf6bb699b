import { BusinessCalendar, type ManifestationEvent } from '@app/domain';
import { openDatabase, type RecordedEvent } from '@app/event-store';
import type Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { answered, closed, forwarded, registered, replied } from '../../../../libs/domain/test-support/manifestation-fixtures';
import { InvalidInput } from '../input/invalid-input';
import { WorkQueueProjection } from './work-queue.projection';
import { WorkQueueReader, type QueueFilter, type QueueItem } from './work-queue.reader';

const calendar = new BusinessCalendar({ timeZone: 'America/Sao_Paulo', region: 'BR', holidayTypes: ['public'], extraHolidays: [] });

/** Thursday before Good Friday 2026 (03 April); Monday 06 April is the next business day. */
const THURSDAY = new Date('2026-04-02T10:00:00-03:00');
const GOOD_FRIDAY = new Date('2026-04-03T10:00:00-03:00');

const protocolOf = (receivedAt: string, seq: number) => `123456${receivedAt.slice(0, 10).replace(/-/g, '')}${String(seq).padStart(6, '0')}`;
const endOf = (day: string) => `${day}T23:59:59.999-03:00`;

/**
 * The cases of the queue, with the deadline 7 business days after each receipt (Good Friday
 * skipped). Named by what a test looks at.
 */
const CASES = {
  overdue: { receivedAt: '2026-03-20T09:00:00.000-03:00', deadline: endOf('2026-03-31'), seq: 1 },
  closedLate: { receivedAt: '2026-03-23T10:00:00.000-03:00', deadline: endOf('2026-04-01'), seq: 1 },
  dueThursday: { receivedAt: '2026-03-24T10:00:00.000-03:00', deadline: endOf('2026-04-02'), seq: 1 },
  dueThursdayToo: { receivedAt: '2026-03-24T15:00:00.000-03:00', deadline: endOf('2026-04-02'), seq: 2 },
  extended: { receivedAt: '2026-03-25T09:00:00.000-03:00', deadline: endOf('2026-04-06'), seq: 1 },
  dueMonday: { receivedAt: '2026-03-25T11:00:00.000-03:00', deadline: endOf('2026-04-06'), seq: 2 },
  denuncia: { receivedAt: '2026-03-26T10:00:00.000-03:00', deadline: endOf('2026-04-07'), seq: 1 },
  answered: { receivedAt: '2026-03-30T10:00:00.000-03:00', deadline: endOf('2026-04-09'), seq: 1 },
  classified: { receivedAt: '2026-04-01T10:00:00.000-03:00', deadline: endOf('2026-04-13'), seq: 1 },
} as const;
type CaseName = keyof typeof CASES;
const P = Object.fromEntries(Object.entries(CASES).map(([name, c]) => [name, protocolOf(c.receivedAt, c.seq)])) as Record<CaseName, string>;

const register = (name: CaseName, overrides: Partial<ReturnType<typeof registered>['data']> = {}) =>
  registered({
    protocol: P[name],
    receivedAt: CASES[name].receivedAt,
    registeredAt: CASES[name].receivedAt,
    deadline: CASES[name].deadline,
    ...overrides,
  });

const forwardTo = (forwardingId: string, department: string, dueAt: string): ManifestationEvent => {
  const event = forwarded(forwardingId, department);
  return { ...event, data: { ...event.data, dueAt } };
};

/** The whole queue, as a log of [case, event] in the order it happened. */
const HISTORY: Array<[CaseName, ManifestationEvent]> = [
  ['overdue', register('overdue')],
  ['closedLate', register('closedLate')],
  ['closedLate', closed('DUPLICADA')],
  // Registered out of protocol order: the tie on the deadline is broken by protocol, not by arrival.
  ['dueThursdayToo', register('dueThursdayToo')],
  ['dueThursday', register('dueThursday', { theme: 'COBERTURA_ASSISTENCIAL', sacProtocol: 'SAC-2026-000123' })],
  ['dueThursday', forwardTo('fw-reg-1', 'regulacao', endOf('2026-04-01'))],
  ['extended', register('extended')],
  [
    'extended',
    {
      type: 'DeadlineExtended',
      data: {
        previousDeadline: endOf('2026-04-06'),
        newDeadline: endOf('2026-04-16'),
        businessDays: 15,
        justification: 'Aguardando laudo do prestador credenciado',
        agreedWithRequester: true,
        extendedAt: '2026-03-27T10:00:00.000-03:00',
      },
    },
  ],
  ['dueMonday', register('dueMonday', { channel: 'EMAIL' })],
  ['denuncia', register('denuncia', { manifestationType: 'DENUNCIA' })],
  ['denuncia', forwardTo('fw-fin-1', 'financeiro', endOf('2026-04-06'))],
  ['denuncia', forwardTo('fw-reg-2', 'regulacao', endOf('2026-04-06'))],
  ['denuncia', replied('fw-reg-2', 'regulacao')],
  ['answered', register('answered')],
  ['answered', answered({ deadline: endOf('2026-04-09') })],
  ['classified', register('classified')],
  ['classified', { type: 'ManifestationClassified', data: { theme: 'FINANCEIRO', classifiedAt: '2026-04-01T11:00:00.000-03:00' } }],
  ['classified', forwardTo('fw-fin-2', 'financeiro', endOf('2026-04-15'))],
];

/** Every case, in the order the queue must list them: by deadline, then by protocol. */
const BY_DEADLINE: CaseName[] = [
  'overdue', // 03-31
  'closedLate', // 04-01
  'dueThursday', // 04-02, protocol ...0324000001
  'dueThursdayToo', // 04-02, protocol ...0324000002
  'dueMonday', // 04-06
  'denuncia', // 04-07
  'answered', // 04-09
  'classified', // 04-13
  'extended', // 04-16 after the extension
];

function recorded(name: CaseName, event: ManifestationEvent, position: number): RecordedEvent {
  const id = `event-${position}`;
  return {
    streamId: `manifestation-${P[name]}`,
    id,
    type: event.type,
    revision: 0n,
    position: BigInt(position),
    data: event.data as unknown as Record<string, unknown>,
    metadata: {
      eventId: id,
      occurredAt: '2026-04-01T13:00:00.000Z',
      actor: { sub: 'tester', role: 'ouvidoria' },
      correlationId: id,
      causationId: id,
    },
    recordedAt: '2026-04-01T13:00:00.000Z',
    hash: '0'.repeat(64),
  };
}

describe('WorkQueueReader (real SQLite read model)', () => {
  let dir: string;
  let db: Database.Database;
  let projection: WorkQueueProjection;
  let reader: WorkQueueReader;
  let position: number;

  const apply = (history: Array<[CaseName, ManifestationEvent]>) => {
    for (const [name, event] of history) projection.apply(db, recorded(name, event, ++position));
  };
  const list = (filter: Partial<QueueFilter> = {}, now = THURSDAY) => reader.list({ limit: 100, ...filter }, now);
  const names = (items: QueueItem[]) => items.map((item) => nameOf(item.protocol));
  const nameOf = (protocol: string) => (Object.keys(P) as CaseName[]).find((name) => P[name] === protocol) ?? protocol;
  const item = (name: CaseName, now = THURSDAY) => list({}, now).items.find((i) => i.protocol === P[name])!;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'work-queue-reader-'));
    db = openDatabase(path.join(dir, 'read-models.sqlite'), 'NORMAL');
    projection = new WorkQueueProjection();
    projection.migrate(db);
    reader = new WorkQueueReader(() => db, calendar);
    position = 0;
  });

  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the fixture deadlines are the ones the calendar gives (7 business days, Good Friday skipped)', () => {
    for (const c of Object.values(CASES)) {
      expect(calendar.toLocalIso(calendar.deadline(new Date(c.receivedAt), 7))).toBe(c.deadline);
    }
  });

  describe('with the whole queue', () => {
    beforeEach(() => apply(HISTORY));

    it('lists every case by deadline, ties broken by protocol, with what the queue shows', () => {
      const page = list();

      expect(names(page.items)).toEqual(BY_DEADLINE);
      expect(page.nextCursor).toBeNull();
      expect(page.items.find((i) => i.protocol === P.dueThursday)).toEqual({
        protocol: P.dueThursday,
        type: 'RECLAMACAO',
        channel: 'TELEFONE',
        theme: 'COBERTURA_ASSISTENCIAL',
        status: 'OPEN',
        receivedAt: CASES.dueThursday.receivedAt,
        deadline: CASES.dueThursday.deadline,
        businessDaysLeft: 0,
        pendingDepartments: ['regulacao'],
      });
    });

    it('keeps no requester data', () => {
      const row = db.prepare('SELECT * FROM work_queue WHERE protocol = ?').get(P.dueThursday) as Record<string, unknown>;
      expect(JSON.stringify(row)).not.toMatch(/Maria|maria@example\.com/);
    });

    it('shows the classified theme, the extended deadline and the status after answer and close', () => {
      expect(item('classified').theme).toBe('FINANCEIRO');
      expect(item('extended').deadline).toBe(endOf('2026-04-16'));
      expect(item('answered').status).toBe('ANSWERED');
      expect(item('closedLate').status).toBe('CLOSED');
      expect(item('dueMonday').channel).toBe('EMAIL');
    });

    it.each([
      [{ status: 'OPEN' }, ['overdue', 'dueThursday', 'dueThursdayToo', 'dueMonday', 'denuncia', 'classified', 'extended']],
      [{ status: 'ANSWERED' }, ['answered']],
      [{ status: 'CLOSED' }, ['closedLate']],
      [{ type: 'DENUNCIA' }, ['denuncia']],
      [{ type: 'ELOGIO' }, []],
      [{ theme: 'FINANCEIRO' }, ['classified']],
      [{ theme: 'COBERTURA_ASSISTENCIAL' }, ['dueThursday']],
      [{ department: 'regulacao' }, ['dueThursday']],
      [{ department: 'financeiro' }, ['denuncia', 'classified']],
      [{ department: 'juridico' }, []],
      [{ status: 'OPEN', department: 'financeiro', theme: 'FINANCEIRO' }, ['classified']],
    ] as Array<[Partial<QueueFilter>, CaseName[]]>)('filters by %p', (filter, expected) => {
      expect(names(list(filter).items)).toEqual(expected);
    });

    it('overdue=true is the open cases past their deadline; overdue=false every other case', () => {
      expect(names(list({ overdue: true }).items)).toEqual(['overdue']);
      expect(names(list({ overdue: false }).items)).toEqual(BY_DEADLINE.filter((n) => n !== 'overdue'));
      // On Good Friday the cases due on Thursday are late too; the closed one never is.
      expect(names(list({ overdue: true }, GOOD_FRIDAY).items)).toEqual(['overdue', 'dueThursday', 'dueThursdayToo']);
    });

    it('dueWithinBusinessDays counts business days from today, 0 being today, and skips Good Friday', () => {
      expect(names(list({ dueWithinBusinessDays: 0 }).items)).toEqual(['dueThursday', 'dueThursdayToo']);
      // Thursday + 2 business days = Tuesday 07 April: Friday is Good Friday.
      expect(names(list({ dueWithinBusinessDays: 2 }).items)).toEqual(['dueThursday', 'dueThursdayToo', 'dueMonday', 'denuncia']);
      // Nothing is due on the holiday itself; Monday is its first business day.
      expect(names(list({ dueWithinBusinessDays: 0 }, GOOD_FRIDAY).items)).toEqual([]);
      expect(names(list({ dueWithinBusinessDays: 1 }, GOOD_FRIDAY).items)).toEqual(['dueMonday']);
      expect(names(list({ dueWithinBusinessDays: 2 }, GOOD_FRIDAY).items)).toEqual(['dueMonday', 'denuncia']);
    });

    it('sacProtocol finds the case registered with that SAC protocol, and nothing for another one', () => {
      expect(names(list({ sacProtocol: 'SAC-2026-000123' }).items)).toEqual(['dueThursday']);
      expect(names(list({ sacProtocol: 'SAC-2026-00012' }).items)).toEqual([]);
      expect(names(list({ sacProtocol: 'SAC-2026-000123', status: 'CLOSED' }).items)).toEqual([]);
    });

    it('receivedFrom is inclusive and receivedTo exclusive', () => {
      const from = new Date(CASES.dueThursday.receivedAt);
      const to = new Date(CASES.denuncia.receivedAt);

      expect(names(list({ receivedFrom: from, receivedTo: to }).items)).toEqual(['dueThursday', 'dueThursdayToo', 'dueMonday', 'extended']);
      expect(names(list({ receivedFrom: new Date(from.getTime() + 1) }).items)).not.toContain('dueThursday');
      expect(names(list({ receivedTo: new Date(to.getTime() + 1) }).items)).toContain('denuncia');
      expect(names(list({ receivedFrom: to, receivedTo: to }).items)).toEqual([]);
    });

    it('walks every case exactly once, in order, with limit 2 and the cursor', () => {
      const seen: string[] = [];
      const pages: number[] = [];
      let cursor: string | undefined;
      do {
        const page = list({ limit: 2, cursor });
        seen.push(...page.items.map((i) => i.protocol));
        pages.push(page.items.length);
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined && pages.length < 20);

      expect(pages).toEqual([2, 2, 2, 2, 1]);
      expect(seen.map(nameOf)).toEqual(BY_DEADLINE);
    });

    it('ends without an empty page when the last page is full, and the cursor keeps the filters', () => {
      const first = list({ status: 'OPEN', limit: 4 });
      const second = list({ status: 'OPEN', limit: 4, cursor: first.nextCursor! });
      expect(names(first.items)).toEqual(['overdue', 'dueThursday', 'dueThursdayToo', 'dueMonday']);
      expect(names(second.items)).toEqual(['denuncia', 'classified', 'extended']);
      expect(second.nextCursor).toBeNull();

      const exact = list({ department: 'financeiro', limit: 2 });
      expect(names(exact.items)).toEqual(['denuncia', 'classified']);
      expect(exact.nextCursor).toBeNull();
    });

    it('continues after the tie on the deadline without losing its second case', () => {
      const upToTie = list({ limit: 3 });
      expect(names(upToTie.items).at(-1)).toBe('dueThursday');
      expect(names(list({ limit: 1, cursor: upToTie.nextCursor! }).items)).toEqual(['dueThursdayToo']);
    });

    it.each([
      ['not base64 of anything', 'garbage!'],
      ['a deadline without a protocol', Buffer.from('1775185199999').toString('base64url')],
      ['a protocol too short', Buffer.from('1775185199999:123').toString('base64url')],
      ['SQL in place of the protocol', Buffer.from("1775185199999:1' OR '1'='1").toString('base64url')],
      ['empty', ''],
    ])('refuses a cursor that is %s as invalid input naming cursor', (_what, cursor) => {
      let error: unknown;
      try {
        list({ limit: 2, cursor });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(InvalidInput);
      expect(error).toMatchObject({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ field: 'cursor' })] });
    });

    it('businessDaysLeft: positive ahead, 0 on the day, negative when late, null unless OPEN', () => {
      expect(item('classified').businessDaysLeft).toBe(6); // 06, 07, 08, 09, 10, 13 April
      expect(item('denuncia').businessDaysLeft).toBe(2); // 06, 07 April
      expect(item('dueThursday').businessDaysLeft).toBe(0);
      expect(item('overdue').businessDaysLeft).toBe(-2); // 01, 02 April
      expect(item('answered').businessDaysLeft).toBeNull();
      expect(item('closedLate').businessDaysLeft).toBeNull();
      expect(item('overdue', new Date('2026-04-06T10:00:00-03:00')).businessDaysLeft).toBe(-3);
    });

    it('businessDaysLeft is negative for every overdue case, even on a holiday right after the deadline', () => {
      // On Good Friday the Thursday cases are overdue, yet no business day has passed since.
      const late = list({ overdue: true }, GOOD_FRIDAY).items;
      expect(late.map((i) => [nameOf(i.protocol), Math.sign(i.businessDaysLeft!)])).toEqual([
        ['overdue', -1],
        ['dueThursday', -1],
        ['dueThursdayToo', -1],
      ]);
    });

    it('counts open, overdue and due within 2 business days, and per department its PENDING forwardings', () => {
      expect(reader.stats(THURSDAY)).toEqual({
        open: 7,
        overdue: 1,
        dueWithin2BusinessDays: 4, // dueThursday, dueThursdayToo, dueMonday, denuncia
        departments: [
          // fw-fin-1 due 06 April, fw-fin-2 due 15 April
          { department: 'financeiro', pending: 2, overdue: 0, dueWithin2BusinessDays: 1 },
          // fw-reg-1 due 01 April; fw-reg-2 was replied
          { department: 'regulacao', pending: 1, overdue: 1, dueWithin2BusinessDays: 0 },
        ],
      });
      expect(reader.stats(GOOD_FRIDAY)).toMatchObject({ open: 7, overdue: 3, dueWithin2BusinessDays: 2 });
    });

    it('counts the same per manifestation type, for the metrics', () => {
      expect(reader.statsByType(THURSDAY)).toEqual([
        { type: 'DENUNCIA', open: 1, overdue: 0, dueWithin2BusinessDays: 1 },
        { type: 'RECLAMACAO', open: 6, overdue: 1, dueWithin2BusinessDays: 3 },
      ]);
    });
  });

  it('pendingDepartments lists the departments yet to reply, and drops one once it replies', () => {
    apply([
      ['denuncia', register('denuncia')],
      ['denuncia', forwardTo('fw-reg-2', 'regulacao', endOf('2026-04-06'))],
      ['denuncia', forwardTo('fw-fin-1', 'financeiro', endOf('2026-04-06'))],
    ]);
    expect(item('denuncia').pendingDepartments).toEqual(['financeiro', 'regulacao']);
    expect(names(list({ department: 'regulacao' }).items)).toEqual(['denuncia']);

    apply([['denuncia', replied('fw-reg-2', 'regulacao')]]);
    expect(item('denuncia').pendingDepartments).toEqual(['financeiro']);
    expect(names(list({ department: 'regulacao' }).items)).toEqual([]);
    expect(reader.stats(THURSDAY).departments.map((d) => d.department)).toEqual(['financeiro']);
  });

  it('leaves the forwardings of a closed case out of the per-department stats', () => {
    apply([
      ['denuncia', register('denuncia')],
      ['denuncia', forwardTo('fw-reg-9', 'regulacao', endOf('2026-04-01'))],
    ]);
    expect(reader.stats(THURSDAY).departments).toEqual([{ department: 'regulacao', pending: 1, overdue: 1, dueWithin2BusinessDays: 0 }]);
    apply([['denuncia', { type: 'ManifestationClosed', data: { reason: 'DUPLICADA', closedAt: '2026-04-02T09:00:00.000-03:00' } }]]);
    expect(reader.stats(THURSDAY).departments).toEqual([]);
  });

  it('applies a replayed registration once', () => {
    const event = register('dueMonday');
    projection.apply(db, recorded('dueMonday', event, 1));
    projection.apply(db, recorded('dueMonday', event, 1));
    expect(list().items).toHaveLength(1);
  });

  it('an empty queue has no items, no cursor and zero counts', () => {
    expect(list()).toEqual({ items: [], nextCursor: null });
    expect(reader.stats(THURSDAY)).toEqual({ open: 0, overdue: 0, dueWithin2BusinessDays: 0, departments: [] });
  });
});
