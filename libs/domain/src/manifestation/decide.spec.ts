import { context, fold, given } from '../../test-support/given';
import { decide } from './decide';
import {
  answered,
  closed,
  command,
  DEADLINE,
  forwarded,
  RECEIVED_AT,
  registered,
  registration,
  replied,
} from '../../test-support/manifestation-fixtures';
import type { AnswerManifestation, ExtendDeadline, ManifestationCommand } from './commands';
import type { DeadlineExtended, Requester } from './events';

const named: Requester = { kind: 'BENEFICIARIO', anonymous: false, name: 'Maria da Silva', email: 'maria@example.com' };
const JUSTIFICATION = 'Perícia médica externa necessária';

const extended: DeadlineExtended = {
  type: 'DeadlineExtended',
  data: {
    previousDeadline: DEADLINE,
    newDeadline: '2026-05-04T23:59:59.999-03:00',
    businessDays: 20,
    justification: JUSTIFICATION,
    agreedWithRequester: true,
    extendedAt: '2026-04-06T10:00:00.000-03:00',
  },
};

describe('RegisterManifestation', () => {
  const register = (overrides: Parameters<typeof registration>[0] = {}, now = RECEIVED_AT) =>
    command('RegisterManifestation', registration(overrides), now);

  it('registers a new case with a deadline 7 business days later, skipping Good Friday', () => {
    given().when(register()).then([registered()]);
  });

  it('refuses a stream that already holds a case', () => {
    given(registered()).when(register()).thenRefused('conflict', 'ALREADY_REGISTERED');
  });

  it('counts the deadline from receivedAt, not from the registration instant', () => {
    const receivedAt = new Date('2026-03-31T16:00:00.000-03:00');
    given()
      .when(register({ receivedAt }))
      .then([
        registered({
          receivedAt: '2026-03-31T16:00:00.000-03:00',
          deadline: '2026-04-10T23:59:59.999-03:00',
        }),
      ]);
  });

  it('starts counting on the next business day when received on a Saturday', () => {
    const now = '2026-11-21T10:00:00.000-03:00';
    given()
      .when(register({}, now))
      .then([registered({ receivedAt: now, registeredAt: now, deadline: '2026-12-01T23:59:59.999-03:00' })]);
  });

  it('defaults contractType to NAO_IDENTIFICADO and keeps a given theme', () => {
    given()
      .when(register({ contractType: undefined, theme: 'COBERTURA_ASSISTENCIAL' }))
      .then([registered({ contractType: 'NAO_IDENTIFICADO', theme: 'COBERTURA_ASSISTENCIAL' })]);
  });

  it('never requires the SAC protocol, and keeps it when given', () => {
    given()
      .when(register({ sacProtocol: undefined }))
      .then([registered()]);
    given()
      .when(register({ sacProtocol: 'SAC-2026-000123' }))
      .then([registered({ sacProtocol: 'SAC-2026-000123' })]);
  });

  describe('requester', () => {
    it('accepts an anonymous DENUNCIA without any identity', () => {
      const requester: Requester = { kind: 'OUTRO', anonymous: true };
      given()
        .when(register({ manifestationType: 'DENUNCIA', requester }))
        .then([registered({ manifestationType: 'DENUNCIA', requester })]);
    });

    it.each(['RECLAMACAO', 'SUGESTAO', 'ELOGIO', 'CONSULTA'] as const)('refuses an anonymous %s', (manifestationType) => {
      given()
        .when(register({ manifestationType, requester: { kind: 'OUTRO', anonymous: true } }))
        .thenRefused('invalid', 'VALIDATION_FAILED', ['requester.anonymous']);
    });

    it('refuses identity fields on an anonymous DENUNCIA', () => {
      const requester: Requester = {
        kind: 'OUTRO',
        anonymous: true,
        name: 'Fulano',
        document: '52998224725',
        email: 'f@example.com',
        phone: '+5583999990000',
        beneficiaryCard: '0012345678',
      };
      given()
        .when(register({ manifestationType: 'DENUNCIA', requester }))
        .thenRefused('invalid', 'VALIDATION_FAILED', [
          'requester.name',
          'requester.document',
          'requester.email',
          'requester.phone',
          'requester.beneficiaryCard',
        ]);
    });

    it('requires a name unless anonymous', () => {
      given()
        .when(register({ requester: { ...named, name: '  ' } }))
        .thenRefused('invalid', 'VALIDATION_FAILED', ['requester.name']);
    });

    it('requires an email or a phone unless anonymous', () => {
      given()
        .when(register({ requester: { kind: 'PRESTADOR', anonymous: false, name: 'Clínica Boa Saúde' } }))
        .thenRefused('invalid', 'VALIDATION_FAILED', ['requester.email']);
    });

    it('stores the requester without undefined keys, keeping the beneficiary card', () => {
      const requester: Requester = { ...named, phone: undefined, document: undefined, beneficiaryCard: '0 123 456789012 3' };
      given()
        .when(register({ requester }))
        .then([registered({ requester: { ...named, beneficiaryCard: '0 123 456789012 3' } })]);
    });

    it('accepts a phone without an email', () => {
      const requester: Requester = { kind: 'CORRETOR', anonymous: false, name: 'João', phone: '+5583999990000' };
      given()
        .when(register({ requester }))
        .then([registered({ requester })]);
    });

    it.each([
      ['a CPF', '529.982.247-25', '52998224725'],
      ['a numeric CNPJ', '11.222.333/0001-81', '11222333000181'],
      ['an alphanumeric CNPJ', '12.abc.345/01de-35', '12ABC34501DE35'],
    ])('stores %s without punctuation', (_, document, stored) => {
      given()
        .when(register({ requester: { ...named, document } }))
        .then([registered({ requester: { ...named, document: stored } })]);
    });

    it.each(['529.982.247-26', '111.111.111-11', '11.222.333/0001-82', '1234'])('refuses document %s', (document) => {
      given()
        .when(register({ requester: { ...named, document } }))
        .thenRefused('invalid', 'VALIDATION_FAILED', ['requester.document']);
    });
  });

  it('requires deniedRequestProtocol for a REANALISE, and keeps it', () => {
    given()
      .when(register({ manifestationType: 'REANALISE' }))
      .thenRefused('invalid', 'VALIDATION_FAILED', ['deniedRequestProtocol']);
    given()
      .when(register({ manifestationType: 'REANALISE', deniedRequestProtocol: 'AUT-998877' }))
      .then([registered({ manifestationType: 'REANALISE', deniedRequestProtocol: 'AUT-998877' })]);
  });

  it('tolerates a receivedAt up to 2 minutes ahead of the clock, and refuses one later', () => {
    given()
      .when(register({ receivedAt: new Date('2026-04-01T10:02:00.000-03:00') }))
      .then([registered({ receivedAt: '2026-04-01T10:02:00.000-03:00' })]);
    given()
      .when(register({ receivedAt: new Date('2026-04-01T10:02:00.001-03:00') }))
      .thenRefused('invalid', 'VALIDATION_FAILED', ['receivedAt']);
  });

  it('refuses a receivedAt that is not a valid instant', () => {
    given()
      .when(register({ receivedAt: new Date(NaN) }))
      .thenRefused('invalid', 'VALIDATION_FAILED', ['receivedAt']);
  });
});

describe('EscalateFromSac', () => {
  const escalate = (escalatedAt: string) =>
    command(
      'EscalateFromSac',
      {
        ...registration(),
        escalationId: 'esc-1',
        sacProtocol: 'SAC-2026-000123',
        escalatedAt: new Date(escalatedAt),
        reason: 'Resposta do SAC não resolveu',
      },
      RECEIVED_AT,
    );

  it('registers the case as received at the escalation and records the escalation', () => {
    given()
      .when(escalate('2026-04-01T09:30:00.000-03:00'))
      .then([
        registered({ sacProtocol: 'SAC-2026-000123', receivedAt: '2026-04-01T09:30:00.000-03:00' }),
        {
          type: 'EscalatedFromSac',
          data: {
            escalationId: 'esc-1',
            sacProtocol: 'SAC-2026-000123',
            escalatedAt: '2026-04-01T09:30:00.000-03:00',
            reason: 'Resposta do SAC não resolveu',
          },
        },
      ]);
  });

  it('refuses an escalatedAt in the future, naming escalatedAt', () => {
    given().when(escalate('2026-04-01T10:05:00.000-03:00')).thenRefused('invalid', 'VALIDATION_FAILED', ['escalatedAt']);
  });

  it('refuses a stream that already holds a case', () => {
    given(registered()).when(escalate('2026-04-01T09:30:00.000-03:00')).thenRefused('conflict', 'ALREADY_REGISTERED');
  });
});

describe('any command on an unknown stream', () => {
  const now = '2026-04-02T10:00:00.000-03:00';
  it.each<ManifestationCommand>([
    command('ClassifyManifestation', { theme: 'FINANCEIRO' }, now),
    command('ForwardToManagement', { forwardingId: 'fw-1', department: 'DRG', instructions: '-', dueInBusinessDays: 3 }, now),
    command('ReplyFromManagement', { forwardingId: 'fw-1', text: '-' }, now),
    command('ExtendDeadline', { justification: JUSTIFICATION, businessDays: 20, agreedWithRequester: true }, now),
    command('AnswerManifestation', { text: '-', outcome: 'PROCEDENTE' }, now),
    command('CloseManifestation', { reason: 'DUPLICADA' }, now),
    command('RecordSatisfaction', { score: 5 }, now),
  ])('$type is refused as MANIFESTATION_NOT_FOUND', (cmd) => {
    given().when(cmd).thenRefused('not_found', 'MANIFESTATION_NOT_FOUND');
  });
});

describe('ClassifyManifestation', () => {
  const now = '2026-04-02T10:00:00.000-03:00';
  const classify = command('ClassifyManifestation', { theme: 'REDE_PRESTADORA' }, now);
  const classified = { type: 'ManifestationClassified', data: { theme: 'REDE_PRESTADORA', classifiedAt: now } } as const;

  it('classifies an open case', () => {
    given(registered()).when(classify).then([classified]);
  });

  it('still classifies an answered case', () => {
    given(registered(), answered()).when(classify).then([classified]);
  });

  it('refuses a closed case', () => {
    given(registered(), answered(), closed()).when(classify).thenRefused('conflict', 'CASE_CLOSED');
  });
});

describe('ConvertReanalise', () => {
  const now = '2026-04-02T10:00:00.000-03:00';
  const review = registered({ manifestationType: 'REANALISE', deniedRequestProtocol: 'AUT-2026-1' });
  const convert = command('ConvertReanalise', { toType: 'RECLAMACAO', reason: '  Não houve negativa: pede reembolso ' }, now);

  it('turns an open REANALISE into an ordinary manifestation, keeping why', () => {
    given(review)
      .when(convert)
      .then([
        { type: 'ReanaliseConverted', data: { toType: 'RECLAMACAO', reason: 'Não houve negativa: pede reembolso', convertedAt: now } },
      ]);
  });

  it('makes the case answerable as its new type, and keeps its deadline', () => {
    const state = fold([review, { type: 'ReanaliseConverted', data: { toType: 'CONSULTA', reason: 'r', convertedAt: now } }])!;
    expect(state).toMatchObject({ type: 'CONSULTA', deadline: DEADLINE, convertedFromReanalise: { reason: 'r', at: now } });
    given(review, { type: 'ReanaliseConverted', data: { toType: 'CONSULTA', reason: 'r', convertedAt: now } })
      .when(command('AnswerManifestation', { text: 't', outcome: 'DEFERIDA' }, now))
      .thenRefused('conflict', 'OUTCOME_NOT_ALLOWED');
  });

  it('refuses any other type, twice, an answered or closed case, and a blank reason', () => {
    given(registered()).when(convert).thenRefused('conflict', 'NOT_A_REANALISE');
    given(review, { type: 'ReanaliseConverted', data: { toType: 'RECLAMACAO', reason: 'r', convertedAt: now } })
      .when(convert)
      .thenRefused('conflict', 'NOT_A_REANALISE');
    given(review, answered({ outcome: 'INDEFERIDA' }))
      .when(convert)
      .thenRefused('conflict', 'ALREADY_ANSWERED');
    given(review, closed('DESISTENCIA')).when(convert).thenRefused('conflict', 'CASE_CLOSED');
    given(review)
      .when(command('ConvertReanalise', { toType: 'SUGESTAO', reason: '   ' }, now))
      .thenRefused('invalid', 'VALIDATION_FAILED', ['reason']);
  });
});

describe('ForwardToManagement', () => {
  const forward = (forwardingId = 'fw-1', department = 'Regulação', now = '2026-04-02T09:00:00.000-03:00') =>
    command('ForwardToManagement', { forwardingId, department, instructions: 'Verificar a negativa', dueInBusinessDays: 3 }, now);

  it('forwards with a due date at the end of the 3rd business day, skipping Good Friday', () => {
    given(registered()).when(forward()).then([forwarded()]);
  });

  it('refuses while the same department has a pending forwarding', () => {
    given(registered(), forwarded()).when(forward('fw-2')).thenRefused('conflict', 'FORWARDING_PENDING');
  });

  it('forwards again to a department that already replied', () => {
    given(registered(), forwarded(), replied())
      .when(forward('fw-2', 'Regulação', '2026-04-07T09:00:00.000-03:00'))
      .then([
        {
          type: 'ForwardedToManagement',
          data: {
            forwardingId: 'fw-2',
            department: 'Regulação',
            instructions: 'Verificar a negativa',
            forwardedAt: '2026-04-07T09:00:00.000-03:00',
            dueAt: '2026-04-10T23:59:59.999-03:00',
            dueInBusinessDays: 3,
            shareRequesterContact: false,
          },
        },
      ]);
  });

  it('forwards to another department while one is pending', () => {
    given(registered(), forwarded())
      .when(forward('fw-2', 'Financeiro'))
      .then([forwarded('fw-2', 'Financeiro')]);
  });

  it("shares the requester's contact when asked, except for a DENUNCIA", () => {
    const sharing = command(
      'ForwardToManagement',
      {
        forwardingId: 'fw-1',
        department: 'Regulação',
        instructions: 'Verificar a negativa',
        dueInBusinessDays: 3,
        shareRequesterContact: true,
      },
      '2026-04-02T09:00:00.000-03:00',
    );
    const expected = forwarded();
    given(registered())
      .when(sharing)
      .then([{ ...expected, data: { ...expected.data, shareRequesterContact: true } }]);
    given(registered({ manifestationType: 'DENUNCIA' }))
      .when(sharing)
      .thenRefused('conflict', 'CONTACT_SHARING_NOT_ALLOWED');
  });

  it('refuses a forwarding id that is already used', () => {
    given(registered(), forwarded()).when(forward('fw-1', 'Financeiro')).thenRefused('conflict', 'FORWARDING_EXISTS');
  });

  it.each([0, 31, 2.5])('refuses a department deadline of %p business days', (dueInBusinessDays) => {
    const cmd = command(
      'ForwardToManagement',
      { forwardingId: 'fw-9', department: 'Financeiro', instructions: 'Ver', dueInBusinessDays },
      '2026-04-02T09:00:00.000-03:00',
    );
    given(registered()).when(cmd).thenRefused('invalid', 'VALIDATION_FAILED', ['dueInBusinessDays']);
  });

  it('refuses an answered case', () => {
    given(registered(), answered()).when(forward()).thenRefused('conflict', 'ALREADY_ANSWERED');
  });

  it('refuses a closed case', () => {
    given(registered(), closed('DUPLICADA')).when(forward()).thenRefused('conflict', 'CASE_CLOSED');
  });
});

describe('ReplyFromManagement', () => {
  const reply = (forwardingId = 'fw-1') =>
    command('ReplyFromManagement', { forwardingId, text: 'Exame liberado' }, '2026-04-06T11:00:00.000-03:00');

  it('records the reply with the department of the forwarding', () => {
    given(registered(), forwarded('fw-1', 'Financeiro'))
      .when(reply())
      .then([replied('fw-1', 'Financeiro')]);
  });

  it('refuses an unknown forwarding', () => {
    given(registered(), forwarded()).when(reply('fw-9')).thenRefused('not_found', 'FORWARDING_NOT_FOUND');
  });

  it('refuses a second reply', () => {
    given(registered(), forwarded(), replied()).when(reply()).thenRefused('conflict', 'ALREADY_REPLIED');
  });
});

describe('ExtendDeadline', () => {
  const extend = (data: Partial<ExtendDeadline['data']> = {}, now = '2026-04-06T10:00:00.000-03:00') =>
    command('ExtendDeadline', { justification: JUSTIFICATION, businessDays: 20, agreedWithRequester: true, ...data }, now);

  it('extends to receivedAt + N business days, skipping Tiradentes and Labour Day', () => {
    given(registered()).when(extend()).then([extended]);
  });

  it.each([
    [8, '2026-04-14T23:59:59.999-03:00'],
    [30, '2026-05-18T23:59:59.999-03:00'],
  ])('accepts %i business days', (businessDays, newDeadline) => {
    given(registered())
      .when(extend({ businessDays }))
      .then([{ ...extended, data: { ...extended.data, businessDays, newDeadline } }]);
  });

  it('refuses an extension that does not reach past a longer deadline the case was registered with', () => {
    // Registered when the standard deadline was 10 business days: 8 would shorten it.
    given(registered({ deadline: '2026-04-16T23:59:59.999-03:00', deadlineBusinessDays: 10 }))
      .when(extend({ businessDays: 8 }))
      .thenRefused('conflict', 'EXTENSION_NOT_LATER');
  });

  it.each([7, 31, 20.5])('refuses %p business days', (businessDays) => {
    given(registered()).when(extend({ businessDays })).thenRefused('invalid', 'VALIDATION_FAILED', ['businessDays']);
  });

  it('requires a justification of at least 20 characters once trimmed', () => {
    const exactly20 = 'Perícia médica exter';
    expect(exactly20).toHaveLength(20);
    given(registered())
      .when(extend({ justification: `   ${exactly20.slice(1)}   ` }))
      .thenRefused('invalid', 'VALIDATION_FAILED', ['justification']);
    given(registered())
      .when(extend({ justification: exactly20 }))
      .then([{ ...extended, data: { ...extended.data, justification: exactly20 } }]);
  });

  it('requires the agreement of the requester', () => {
    given(registered())
      .when(extend({ agreedWithRequester: false }))
      .thenRefused('invalid', 'VALIDATION_FAILED', ['agreedWithRequester']);
  });

  it('extends only once', () => {
    given(registered(), extended)
      .when(extend({ businessDays: 30 }))
      .thenRefused('conflict', 'ALREADY_EXTENDED');
  });

  it('extends up to the last millisecond of the deadline, not 1 ms later', () => {
    given(registered())
      .when(extend({}, DEADLINE))
      .then([{ ...extended, data: { ...extended.data, extendedAt: DEADLINE } }]);
    given(registered()).when(extend({}, '2026-04-14T00:00:00.000-03:00')).thenRefused('conflict', 'DEADLINE_PASSED');
  });

  it('refuses an answered case', () => {
    given(registered(), answered()).when(extend()).thenRefused('conflict', 'ALREADY_ANSWERED');
  });

  it('refuses a closed case', () => {
    given(registered(), closed('DESISTENCIA')).when(extend()).thenRefused('conflict', 'CASE_CLOSED');
  });
});

describe('AnswerManifestation', () => {
  const answer = (data: Partial<AnswerManifestation['data']> = {}, now = '2026-04-06T15:00:00.000-03:00') =>
    command('AnswerManifestation', { text: 'Seu exame foi autorizado.', outcome: 'PROCEDENTE', ...data }, now);

  it('answers within the deadline, counting 2 business days across Good Friday', () => {
    given(registered()).when(answer()).then([answered()]);
  });

  it('is still within the deadline at its last millisecond', () => {
    given(registered())
      .when(answer({}, DEADLINE))
      .then([answered({ answeredAt: DEADLINE, businessDaysTaken: 7 })]);
  });

  it('drops a lateReason when the answer is on time', () => {
    given(registered())
      .when(answer({ lateReason: 'não se aplica' }))
      .then([answered()]);
  });

  it('answers within the agreed deadline after an extension', () => {
    given(registered(), extended)
      .when(answer({}, '2026-04-20T10:00:00.000-03:00'))
      .then([
        answered({
          answeredAt: '2026-04-20T10:00:00.000-03:00',
          deadline: '2026-05-04T23:59:59.999-03:00',
          timeliness: 'WITHIN_AGREED_DEADLINE',
          businessDaysTaken: 12,
        }),
      ]);
  });

  it('requires a lateReason after the deadline', () => {
    given(registered()).when(answer({}, '2026-04-14T00:00:00.000-03:00')).thenRefused('conflict', 'LATE_REASON_REQUIRED');
    given(registered())
      .when(answer({ lateReason: '   ' }, '2026-04-14T00:00:00.000-03:00'))
      .thenRefused('conflict', 'LATE_REASON_REQUIRED');
  });

  it('answers late and keeps the lateReason', () => {
    given(registered())
      .when(answer({ lateReason: 'Prestador não respondeu' }, '2026-04-14T09:00:00.000-03:00'))
      .then([
        answered({
          answeredAt: '2026-04-14T09:00:00.000-03:00',
          timeliness: 'LATE',
          businessDaysTaken: 8,
          lateReason: 'Prestador não respondeu',
        }),
      ]);
  });

  it('keeps why a REANALISE was reversed, and takes that reason only with DEFERIDA', () => {
    const review = registered({ manifestationType: 'REANALISE', deniedRequestProtocol: 'AUT-1' });
    const answerWith = (outcome: 'DEFERIDA' | 'INDEFERIDA') =>
      command(
        'AnswerManifestation',
        { text: 'Revisto', outcome, reversalReason: ' Cobertura obrigatória (Rol ANS) ' },
        '2026-04-06T10:00:00.000-03:00',
      );
    const [answered] = decide(answerWith('DEFERIDA'), fold([review]), context);
    expect(answered).toMatchObject({
      type: 'ManifestationAnswered',
      data: { outcome: 'DEFERIDA', reversalReason: 'Cobertura obrigatória (Rol ANS)' },
    });
    given(review).when(answerWith('INDEFERIDA')).thenRefused('invalid', 'VALIDATION_FAILED', ['reversalReason']);
  });

  describe('outcomes', () => {
    const review = registered({ manifestationType: 'REANALISE', deniedRequestProtocol: 'AUT-998877' });

    it.each(['DEFERIDA', 'INDEFERIDA'] as const)('answers a REANALISE as %s', (outcome) => {
      given(review)
        .when(answer({ outcome }))
        .then([answered({ outcome })]);
    });

    it.each(['PROCEDENTE', 'INFORMADA'] as const)('refuses %s for a REANALISE', (outcome) => {
      given(review).when(answer({ outcome })).thenRefused('conflict', 'OUTCOME_NOT_ALLOWED');
    });

    it.each(['DEFERIDA', 'INDEFERIDA'] as const)('refuses %s for a RECLAMACAO', (outcome) => {
      given(registered()).when(answer({ outcome })).thenRefused('conflict', 'OUTCOME_NOT_ALLOWED');
    });
  });

  it('answers only once', () => {
    given(registered(), answered()).when(answer()).thenRefused('conflict', 'ALREADY_ANSWERED');
  });

  it('refuses a closed case', () => {
    given(registered(), closed('NAO_PERTINENTE')).when(answer()).thenRefused('conflict', 'CASE_CLOSED');
  });
});

describe('CloseManifestation', () => {
  const now = '2026-04-07T10:00:00.000-03:00';
  const close = (reason: 'RESPONDIDA' | 'DUPLICADA' | 'DESISTENCIA' | 'NAO_PERTINENTE', note?: string) =>
    command('CloseManifestation', { reason, ...(note ? { note } : {}) }, now);

  it('closes an answered case as RESPONDIDA', () => {
    given(registered(), answered()).when(close('RESPONDIDA')).then([closed()]);
  });

  it('refuses RESPONDIDA before an answer', () => {
    given(registered()).when(close('RESPONDIDA')).thenRefused('conflict', 'NOT_ANSWERED');
  });

  it.each(['DUPLICADA', 'DESISTENCIA', 'NAO_PERTINENTE'] as const)('closes an open case as %s with a note', (reason) => {
    given(registered())
      .when(close(reason, 'ver 34567820260331000007'))
      .then([{ type: 'ManifestationClosed', data: { reason, note: 'ver 34567820260331000007', closedAt: now } }]);
  });

  it.each(['DUPLICADA', 'DESISTENCIA', 'NAO_PERTINENTE'] as const)('refuses %s after an answer', (reason) => {
    given(registered(), answered()).when(close(reason)).thenRefused('conflict', 'ALREADY_ANSWERED');
  });

  it('closes only once', () => {
    given(registered(), answered(), closed()).when(close('RESPONDIDA')).thenRefused('conflict', 'ALREADY_CLOSED');
    given(registered(), closed('DUPLICADA')).when(close('DESISTENCIA')).thenRefused('conflict', 'ALREADY_CLOSED');
  });
});

describe('RecordSatisfaction', () => {
  const now = '2026-04-08T10:00:00.000-03:00';
  const rate = (score: number, comment?: string) => command('RecordSatisfaction', { score, ...(comment ? { comment } : {}) }, now);
  const recorded = { type: 'SatisfactionRecorded', data: { score: 4, comment: 'Rápido', recordedAt: now } } as const;

  it('records the score of an answered case', () => {
    given(registered(), answered()).when(rate(4, 'Rápido')).then([recorded]);
  });

  it('records the score after closing as RESPONDIDA', () => {
    given(registered(), answered(), closed()).when(rate(4, 'Rápido')).then([recorded]);
  });

  it('refuses before an answer, including a case closed unanswered', () => {
    given(registered()).when(rate(4)).thenRefused('conflict', 'NOT_ANSWERED');
    given(registered(), closed('DUPLICADA')).when(rate(4)).thenRefused('conflict', 'NOT_ANSWERED');
  });

  it('records only once', () => {
    given(registered(), answered(), recorded).when(rate(5)).thenRefused('conflict', 'SATISFACTION_ALREADY_RECORDED');
  });

  it.each([1, 5])('accepts score %p', (score) => {
    given(registered(), answered())
      .when(rate(score))
      .then([{ type: 'SatisfactionRecorded', data: { score, recordedAt: now } }]);
  });

  it.each([0, 6, 2.5])('refuses score %p', (score) => {
    given(registered(), answered()).when(rate(score)).thenRefused('invalid', 'VALIDATION_FAILED', ['score']);
  });
});
