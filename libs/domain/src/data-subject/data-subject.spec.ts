import { context } from '../../test-support/given';
import { CommandRefused } from '../manifestation/errors';
import {
  decideDataSubject,
  erasureOf,
  evolveDataSubject,
  initialDataSubjectState,
  isPastRetention,
  type DataSubjectCommand,
  type DataSubjectEvent,
  type SubjectCase,
} from './data-subject';

const rule = { calendar: context.calendar, retentionYears: 5 };
const NOW = new Date('2031-06-10T13:00:00.000Z');
const LOCAL_NOW = '2031-06-10T10:00:00.000-03:00';
const closed = (protocol: string, closedAt: string): SubjectCase => ({ protocol, closedAt, erased: false });
const open = (protocol: string): SubjectCase => ({ protocol, closedAt: null, erased: false });
const request = (cases: SubjectCase[]): DataSubjectCommand => ({
  type: 'RequestErasure',
  data: { subject: 's1', cases },
  metadata: { now: NOW },
});
const given = (...events: DataSubjectEvent[]) => events.reduce(evolveDataSubject, initialDataSubjectState());

describe('retention of a data subject’s cases', () => {
  it('ends RETENTION_YEARS after the last closing: a day later the data may go, a day earlier not', () => {
    const cases = [closed('A', '2020-01-10T09:00:00.000-03:00'), closed('B', '2026-06-09T09:00:00.000-03:00')];
    expect(isPastRetention(cases, 5, NOW)).toBe(true);
    expect(isPastRetention([...cases, closed('C', '2026-06-11T09:00:00.000-03:00')], 5, NOW)).toBe(false);
  });

  it('has not begun while a case is open, however old', () => {
    expect(isPastRetention([closed('A', '2001-01-01T00:00:00.000-03:00'), open('B')], 5, NOW)).toBe(false);
  });
});

describe('an erasure request', () => {
  it('takes effect now when every case is past retention', () => {
    const events = decideDataSubject(request([closed('A', '2025-01-02T10:00:00.000-03:00')]), given(), rule);
    expect(events).toEqual([
      {
        type: 'ErasureRequested',
        data: { subject: 's1', protocols: ['A'], requestedAt: LOCAL_NOW, effectiveAt: LOCAL_NOW, awaitingClosing: [] },
      },
    ]);
  });

  it('during retention is scheduled for the end of the last retention period', () => {
    const [event] = decideDataSubject(
      request([closed('A', '2025-01-02T10:00:00.000-03:00'), closed('B', '2030-03-15T16:30:00.000-03:00')]),
      given(),
      rule,
    );
    expect(event.data).toMatchObject({ effectiveAt: '2035-03-15T16:30:00.000-03:00', awaitingClosing: [] });
  });

  it('while a case is open says which, and when it takes effect is not known yet', () => {
    const [event] = decideDataSubject(request([closed('A', '2025-01-02T10:00:00.000-03:00'), open('B')]), given(), rule);
    expect(event.data).toMatchObject({ protocols: ['A', 'B'], effectiveAt: null, awaitingClosing: ['B'] });
  });

  it('for a subject without cases is refused as not found', () => {
    expect(() => decideDataSubject(request([]), given(), rule)).toThrow(CommandRefused);
    try {
      decideDataSubject(request([]), given(), rule);
    } catch (error) {
      expect(error).toMatchObject({ kind: 'not_found', code: 'DATA_SUBJECT_NOT_FOUND' });
    }
  });

  it('once everything was erased records nothing more', () => {
    const erased: DataSubjectEvent = {
      type: 'PersonalDataErased',
      data: { subject: 's1', protocols: ['A'], erasedAt: LOCAL_NOW, cause: 'REQUEST' },
    };
    expect(decideDataSubject(request([closed('A', '2025-01-02T10:00:00.000-03:00')]), given(erased), rule)).toEqual([]);
  });
});

describe('recording an erasure', () => {
  const record = (protocols: string[]): DataSubjectCommand => ({
    type: 'RecordErasure',
    data: { subject: 's1', protocols },
    metadata: { now: NOW },
  });

  it('without a request is retention’s doing', () => {
    expect(decideDataSubject(record(['A']), given(), rule)[0].data).toMatchObject({ cause: 'RETENTION' });
  });

  it('names the cases erased and the request it answers, and clears it', () => {
    const requested: DataSubjectEvent = {
      type: 'ErasureRequested',
      data: { subject: 's1', protocols: ['A'], requestedAt: LOCAL_NOW, effectiveAt: null, awaitingClosing: ['A'] },
    };
    const events = decideDataSubject(record(['A']), given(requested), rule);
    expect(events).toEqual([
      { type: 'PersonalDataErased', data: { subject: 's1', protocols: ['A'], erasedAt: LOCAL_NOW, cause: 'REQUEST' } },
    ]);
    expect(given(requested, ...events)).toEqual({ pendingRequest: null, erasedProtocols: ['A'] });
  });

  it('is idempotent: cases already erased are not recorded again', () => {
    const erased = decideDataSubject(record(['A']), given(), rule);
    expect(decideDataSubject(record(['A']), given(...erased), rule)).toEqual([]);
    expect(decideDataSubject(record(['A', 'B']), given(...erased), rule)[0].data).toMatchObject({ protocols: ['B'] });
  });

  it('is recognised in the log only on a data-subject stream', () => {
    const data = { subject: 's1', protocols: ['A'], erasedAt: LOCAL_NOW, cause: 'RETENTION' };
    expect(erasureOf({ streamId: 'data-subject-s1', type: 'PersonalDataErased', data })).toEqual(data);
    expect(erasureOf({ streamId: 'manifestation-1', type: 'PersonalDataErased', data })).toBeNull();
  });
});
