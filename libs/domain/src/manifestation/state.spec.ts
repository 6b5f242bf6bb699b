import { fold } from '../../test-support/given';
import { answered, closed, forwarded, RECEIVED_AT, registered, replied } from '../../test-support/manifestation-fixtures';
import type { EscalatedFromSac, SatisfactionRecorded } from './events';

describe('evolve', () => {
  it('starts with no case', () => {
    expect(fold([])).toBeNull();
  });

  it('opens a direct, unclassified case on registration', () => {
    expect(fold([registered()])).toStrictEqual({
      protocol: '34567820260401000001',
      type: 'RECLAMACAO',
      channel: 'TELEFONE',
      origin: 'DIRECT',
      status: 'OPEN',
      theme: null,
      contractType: 'INDIVIDUAL_FAMILIAR',
      requester: { kind: 'BENEFICIARIO', anonymous: false, name: 'Maria da Silva', email: 'maria@example.com' },
      subject: 'Autorização de exame negada',
      description: 'A ressonância pedida em março não foi autorizada.',
      sacProtocol: null,
      deniedRequestProtocol: null,
      receivedAt: RECEIVED_AT,
      deadline: '2026-04-13T23:59:59.999-03:00',
      extended: false,
      forwardings: [],
      clarifications: [],
      attachments: [],
    });
  });

  it('marks an escalated case as coming from the SAC', () => {
    const escalation: EscalatedFromSac = {
      type: 'EscalatedFromSac',
      data: { escalationId: 'esc-1', sacProtocol: 'SAC-1', escalatedAt: RECEIVED_AT, reason: 'SAC não resolveu' },
    };
    expect(fold([registered({ sacProtocol: 'SAC-1' }), escalation])).toMatchObject({
      origin: 'SAC_ESCALATION',
      sacProtocol: 'SAC-1',
      escalation: { escalationId: 'esc-1', escalatedAt: RECEIVED_AT, reason: 'SAC não resolveu' },
    });
  });

  it('folds a whole case: classified, forwarded twice, extended, answered late, closed and rated', () => {
    const satisfaction: SatisfactionRecorded = {
      type: 'SatisfactionRecorded',
      data: { score: 3, recordedAt: '2026-05-12T10:00:00.000-03:00' },
    };
    const state = fold([
      registered(),
      { type: 'ManifestationClassified', data: { theme: 'COBERTURA_ASSISTENCIAL', classifiedAt: RECEIVED_AT } },
      forwarded('fw-1', 'Regulação'),
      forwarded('fw-2', 'Financeiro'),
      replied('fw-1', 'Regulação'),
      {
        type: 'DeadlineExtended',
        data: {
          previousDeadline: '2026-04-13T23:59:59.999-03:00',
          newDeadline: '2026-04-14T23:59:59.999-03:00',
          businessDays: 8,
          justification: 'Perícia médica externa necessária',
          agreedWithRequester: true,
          extendedAt: '2026-04-06T10:00:00.000-03:00',
        },
      },
      answered({ timeliness: 'LATE', businessDaysTaken: 9, lateReason: 'Perícia atrasou' }),
      closed('RESPONDIDA'),
      satisfaction,
    ]);

    expect(state).toMatchObject({
      status: 'CLOSED',
      theme: 'COBERTURA_ASSISTENCIAL',
      deadline: '2026-04-14T23:59:59.999-03:00',
      extended: true,
      extension: {
        businessDays: 8,
        justification: 'Perícia médica externa necessária',
        extendedAt: '2026-04-06T10:00:00.000-03:00',
      },
      answer: {
        text: 'Seu exame foi autorizado.',
        outcome: 'PROCEDENTE',
        answeredAt: '2026-04-06T15:00:00.000-03:00',
        timeliness: 'LATE',
        businessDaysTaken: 9,
        lateReason: 'Perícia atrasou',
      },
      closed: { reason: 'RESPONDIDA', at: '2026-04-07T10:00:00.000-03:00' },
      satisfaction: { score: 3, recordedAt: '2026-05-12T10:00:00.000-03:00' },
    });
    expect(state?.forwardings.map((f) => [f.forwardingId, f.department, f.status, f.reply?.text])).toStrictEqual([
      ['fw-1', 'Regulação', 'REPLIED', 'Exame liberado'],
      ['fw-2', 'Financeiro', 'PENDING', undefined],
    ]);
  });

  it('moves an answered case to ANSWERED without a lateReason when on time', () => {
    const state = fold([registered(), answered()]);
    expect(state?.status).toBe('ANSWERED');
    expect(state?.answer).toStrictEqual({
      text: 'Seu exame foi autorizado.',
      outcome: 'PROCEDENTE',
      answeredAt: '2026-04-06T15:00:00.000-03:00',
      timeliness: 'WITHIN_DEADLINE',
      businessDaysTaken: 2,
    });
  });

  it('ignores events before a registration', () => {
    expect(fold([answered(), closed()])).toBeNull();
  });
});
