import { manifestationStreamId, type ManifestationEvent } from '@app/domain';
import { openDatabase, type RecordedEvent } from '@app/event-store';
import type Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answered, closed, forwarded, registered, replied } from '../../../../libs/domain/test-support/manifestation-fixtures';
import { InvalidInput } from '../input/invalid-input';
import { DepartmentInboxProjection } from './department-inbox.projection';
import { DepartmentInboxReader } from './department-inbox.reader';

const A = '12345620260401000001';
const B = '12345620260401000002';
const DENUNCIA = '12345620260401000003';
const FW = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const shared = (id: string, department: string) => {
  const event = forwarded(id, department);
  return { ...event, data: { ...event.data, shareRequesterContact: true } };
};
const due = (event: ReturnType<typeof forwarded>, dueAt: string) => ({ ...event, data: { ...event.data, dueAt } });

/** The department inbox on a real SQLite file: the projection applies stored events, the reader answers a department. */
describe('department inbox (real SQLite read model)', () => {
  let dir: string;
  let db: Database.Database;
  let reader: DepartmentInboxReader;
  let position = 0;
  const projection = new DepartmentInboxProjection();

  function apply(protocol: string, ...events: ManifestationEvent[]): void {
    db.transaction(() => {
      for (const event of events) {
        const id = `event-${++position}`;
        const metadata = {
          eventId: id,
          occurredAt: '2026-04-01T13:00:00.000Z',
          actor: { sub: 't', role: 'ouvidoria' },
          correlationId: id,
          causationId: id,
        };
        const stored: RecordedEvent = {
          ...{ streamId: manifestationStreamId(protocol), id, type: event.type, revision: 0n, position: BigInt(position) },
          ...{
            data: event.data as unknown as Record<string, unknown>,
            metadata,
            recordedAt: '2026-04-01T13:00:00.000Z',
            hash: '0'.repeat(64),
          },
        };
        projection.apply(db, stored);
      }
    })();
  }
  /** Events stored without sealed values (no sealing layer): the rows hold their values in clear. */
  const inbox = (department: string, filter: Partial<Parameters<DepartmentInboxReader['list']>[1]> = {}) => {
    const page = reader.list(department, { limit: 50, ...filter });
    return { ...page, items: page.items.map(({ item }) => item) };
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ouvidoria-inbox-'));
    db = openDatabase(join(dir, 'department-inbox.v1.sqlite'), 'NORMAL');
    projection.migrate(db);
    reader = new DepartmentInboxReader(() => db);
    apply(A, registered({ protocol: A }), forwarded(FW(1), 'regulacao'), shared(FW(2), 'financeiro'));
    apply(
      B,
      registered({
        protocol: B,
        requester: { kind: 'PRESTADOR', anonymous: false, name: 'Clínica X', document: '11222333000181', phone: '+55 83 3333-0000' },
      }),
    );
    apply(B, due(forwarded(FW(3), 'regulacao'), '2026-04-03T23:59:59.999-03:00'));
    apply(DENUNCIA, registered({ protocol: DENUNCIA, manifestationType: 'DENUNCIA' }), forwarded(FW(4), 'regulacao'));
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("lists only a department's own forwardings, soonest due first, with what it needs to act", () => {
    const items = inbox('regulacao').items;
    expect(items.map((i) => i.forwardingId)).toEqual([FW(3), FW(1), FW(4)]);
    expect(items[1]).toMatchObject({
      protocol: A,
      type: 'RECLAMACAO',
      subject: 'Autorização de exame negada',
      instructions: 'Verificar a negativa',
      status: 'PENDING',
      caseStatus: 'OPEN',
      dueAt: '2026-04-08T23:59:59.999-03:00',
    });
    expect(inbox('financeiro').items.map((i) => i.forwardingId)).toEqual([FW(2)]);
    expect(inbox('juridico').items).toEqual([]);
  });

  it('minimises the requester: nothing for a DENUNCIA, contact data only where the forwarding shared it', () => {
    const byId = (department: string, id: string) => inbox(department).items.find((i) => i.forwardingId === id)!;
    expect(byId('regulacao', FW(4))).not.toHaveProperty('requester');
    expect(byId('regulacao', FW(1)).requester).toEqual({ kind: 'BENEFICIARIO' });
    expect(byId('financeiro', FW(2)).requester).toEqual({ kind: 'BENEFICIARIO', name: 'Maria da Silva', email: 'maria@example.com' });
    expect(byId('regulacao', FW(3)).requester).toEqual({ kind: 'PRESTADOR' });
  });

  it('follows the manifestation: classification, reply, answer and closing', () => {
    apply(A, { type: 'ManifestationClassified', data: { theme: 'FINANCEIRO', classifiedAt: '2026-04-02T09:00:00.000-03:00' } });
    apply(A, replied(FW(1), 'regulacao'), answered(), closed());
    const item = inbox('regulacao').items.find((i) => i.forwardingId === FW(1))!;
    expect(item).toMatchObject({
      theme: 'FINANCEIRO',
      status: 'REPLIED',
      caseStatus: 'CLOSED',
      reply: { text: 'Exame liberado', repliedAt: '2026-04-06T11:00:00.000-03:00' },
    });
    expect(inbox('financeiro').items[0]).toMatchObject({ theme: 'FINANCEIRO', status: 'PENDING', caseStatus: 'CLOSED' });
    expect(inbox('regulacao', { status: 'PENDING' }).items.map((i) => i.forwardingId)).toEqual([FW(3), FW(4)]);
    expect(inbox('regulacao', { status: 'REPLIED' }).items.map((i) => i.forwardingId)).toEqual([FW(1)]);
  });

  it('applies a replayed event once, and ignores a forwarding of a manifestation it never saw registered', () => {
    apply(A, forwarded(FW(1), 'regulacao'));
    apply('12345620260401000099', forwarded(FW(9), 'regulacao'));
    expect(inbox('regulacao').items.map((i) => i.forwardingId)).toEqual([FW(3), FW(1), FW(4)]);
  });

  it('pages with a cursor that does not shift when forwardings are added before it, and refuses a forged one', () => {
    const first = inbox('regulacao', { limit: 2 });
    expect(first.items.map((i) => i.forwardingId)).toEqual([FW(3), FW(1)]);
    apply(B, due(forwarded(FW(5), 'regulacao'), '2026-04-02T23:59:59.999-03:00'));
    const second = inbox('regulacao', { limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((i) => i.forwardingId)).toEqual([FW(4)]);
    expect(second.nextCursor).toBeNull();
    expect(() => inbox('regulacao', { cursor: 'not-a-cursor' })).toThrow(InvalidInput);
  });
});
