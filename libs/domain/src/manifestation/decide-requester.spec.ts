import { fold, given } from '../../test-support/given';
import { answered, closed, command, DEADLINE, forwarded, registered, registration } from '../../test-support/manifestation-fixtures';
import type { ClarificationReplied, ClarificationRequested } from './events';
import { requesterView } from './requester-view';
import type { Manifestation } from './state';

const ASKED_AT = '2026-04-02T10:00:00.000-03:00';
const REPLIED_AT = '2026-04-03T09:30:00.000-03:00';
const QUESTION = 'Qual o número do pedido médico?';

const asked = (clarificationId = 'cl-1', question = QUESTION): ClarificationRequested => ({
  type: 'ClarificationRequested',
  data: { clarificationId, question, requestedAt: ASKED_AT },
});
const answeredBack = (clarificationId = 'cl-1', receivedVia: 'REQUESTER' | 'ANALYST' = 'REQUESTER'): ClarificationReplied => ({
  type: 'ClarificationReplied',
  data: { clarificationId, text: 'Pedido 4711', receivedVia, repliedAt: REPLIED_AT },
});
const ask = (question = QUESTION, clarificationId = 'cl-1') => command('RequestClarification', { clarificationId, question }, ASKED_AT);
const reply = (clarificationId = 'cl-1', receivedVia: 'REQUESTER' | 'ANALYST' = 'REQUESTER', text = 'Pedido 4711') =>
  command('ReplyToClarification', { clarificationId, text, receivedVia }, REPLIED_AT);

describe('access code', () => {
  it('is kept as its hash in the registration', () => {
    given()
      .when(command('RegisterManifestation', registration({ accessCodeHash: 'scrypt$h1' }), '2026-04-01T10:00:00.000-03:00'))
      .then([registered({ accessCodeHash: 'scrypt$h1' })]);
  });

  it('is replaced by a reissue, on a closed case too, and the state holds only the latest hash', () => {
    const history = [registered({ accessCodeHash: 'scrypt$h1' }), answered(), closed()];
    given(...history)
      .when(command('ReissueAccessCode', { accessCodeHash: 'scrypt$h2' }, REPLIED_AT))
      .then([{ type: 'AccessCodeReissued', data: { accessCodeHash: 'scrypt$h2', reissuedAt: REPLIED_AT } }]);
    const state = fold([...history, { type: 'AccessCodeReissued', data: { accessCodeHash: 'scrypt$h2', reissuedAt: REPLIED_AT } }]);
    expect(state?.accessCode).toEqual({ hash: 'scrypt$h2', issuedAt: REPLIED_AT });
  });

  it('is refused for a case that does not exist', () => {
    given()
      .when(command('ReissueAccessCode', { accessCodeHash: 'h' }, REPLIED_AT))
      .thenRefused('not_found', 'MANIFESTATION_NOT_FOUND');
  });
});

describe('RequestClarification', () => {
  it('records the question, trimmed, on an open case', () => {
    given(registered())
      .when(ask(`  ${QUESTION} `))
      .then([asked()]);
  });

  it('refuses a blank question, naming the field', () => {
    given(registered()).when(ask('   ')).thenRefused('invalid', 'VALIDATION_FAILED', ['question']);
  });

  it('refuses a second question while one waits for its reply, and takes it once replied', () => {
    given(registered(), asked()).when(ask(QUESTION, 'cl-2')).thenRefused('conflict', 'CLARIFICATION_PENDING');
    given(registered(), asked(), answeredBack())
      .when(ask(QUESTION, 'cl-2'))
      .then([asked('cl-2')]);
  });

  it('refuses a reused id, and answered or closed cases', () => {
    given(registered(), asked(), answeredBack()).when(ask()).thenRefused('conflict', 'CLARIFICATION_EXISTS');
    given(registered(), answered()).when(ask()).thenRefused('conflict', 'ALREADY_ANSWERED');
    given(registered(), answered(), closed()).when(ask()).thenRefused('conflict', 'CASE_CLOSED');
  });

  it('leaves the deadline as it was: RN 323 has no pause', () => {
    const state = fold([registered(), asked()]) as Manifestation;
    expect(state.deadline).toBe(DEADLINE);
  });
});

describe('ReplyToClarification', () => {
  it('records the reply by the requester or as taken by an analyst', () => {
    given(registered(), asked()).when(reply()).then([answeredBack()]);
    given(registered(), asked())
      .when(reply('cl-1', 'ANALYST'))
      .then([answeredBack('cl-1', 'ANALYST')]);
  });

  it('refuses an unknown question, a second reply, a blank text and a closed case', () => {
    given(registered(), asked()).when(reply('cl-9')).thenRefused('not_found', 'CLARIFICATION_NOT_FOUND');
    given(registered(), asked(), answeredBack()).when(reply()).thenRefused('conflict', 'ALREADY_REPLIED');
    given(registered(), asked())
      .when(reply('cl-1', 'REQUESTER', ' '))
      .thenRefused('invalid', 'VALIDATION_FAILED', ['text']);
    given(registered(), asked(), answered(), closed()).when(reply()).thenRefused('conflict', 'CASE_CLOSED');
  });
});

describe('requesterView', () => {
  const view = (...events: Parameters<typeof fold>[0]) => requesterView(fold(events) as Manifestation);

  it('shows a new case as received, with its deadline, and nothing internal', () => {
    const shown = view(registered({ accessCodeHash: 'scrypt$h1' }));
    expect(shown).toEqual({
      protocol: registered().data.protocol,
      type: 'RECLAMACAO',
      status: 'RECEIVED',
      statusText: expect.stringMatching(/^Recebida/),
      receivedAt: registered().data.receivedAt,
      deadline: DEADLINE,
      satisfactionRecorded: false,
    });
  });

  it('says "in analysis" once the Ouvidoria works on it, without naming the department or its instructions', () => {
    const shown = view(registered(), forwarded('fw-1', 'Regulação'));
    expect(shown.status).toBe('IN_ANALYSIS');
    expect(JSON.stringify(shown)).not.toMatch(/Regulação|Verificar a negativa|fw-1/);
  });

  it('shows a pending question with the note that the deadline keeps running, and drops it once replied', () => {
    expect(view(registered(), asked())).toMatchObject({
      status: 'AWAITING_YOUR_REPLY',
      pendingClarification: {
        clarificationId: 'cl-1',
        question: QUESTION,
        requestedAt: ASKED_AT,
        note: expect.stringMatching(/continua correndo/),
      },
      deadline: DEADLINE,
    });
    const after = view(registered(), asked(), answeredBack());
    expect(after.status).toBe('IN_ANALYSIS');
    expect(after.pendingClarification).toBeUndefined();
  });

  it('shows the extension with its justification, the answer and whether satisfaction was recorded', () => {
    const extended = {
      type: 'DeadlineExtended',
      data: {
        previousDeadline: DEADLINE,
        newDeadline: '2026-05-04T23:59:59.999-03:00',
        businessDays: 20,
        justification: 'Perícia médica externa necessária',
        agreedWithRequester: true,
        extendedAt: ASKED_AT,
      },
    } as const;
    const satisfied = { type: 'SatisfactionRecorded', data: { score: 4, comment: 'ok', recordedAt: REPLIED_AT } } as const;
    const shown = view(registered(), extended, answered({ timeliness: 'WITHIN_AGREED_DEADLINE' }), satisfied);
    expect(shown).toMatchObject({
      status: 'ANSWERED',
      deadline: '2026-05-04T23:59:59.999-03:00',
      extension: { justification: 'Perícia médica externa necessária', extendedAt: ASKED_AT },
      answer: { text: 'Seu exame foi autorizado.', outcome: 'PROCEDENTE', answeredAt: answered().data.answeredAt },
      satisfactionRecorded: true,
    });
    expect(JSON.stringify(shown)).not.toMatch(/"ok"|timeliness|businessDays/);
  });

  it('says why a case was closed without an answer, and not its internal note', () => {
    const shown = view(registered(), {
      type: 'ManifestationClosed',
      data: { reason: 'DUPLICADA', note: 'igual a 0001', closedAt: REPLIED_AT },
    });
    expect(shown).toMatchObject({ status: 'CLOSED', statusText: expect.stringMatching(/duplicidade/) });
    expect(JSON.stringify(shown)).not.toContain('igual a 0001');
  });
});

describe('AddAttachment', () => {
  const file = {
    attachmentId: 'at-1',
    name: 'laudo.pdf',
    mediaType: 'application/pdf',
    size: 400,
    sha256: 's1',
    blobKey: 'b1',
    keyId: 'k1',
    addedBy: 'OUVIDORIA' as const,
  };
  const add = (overrides: Partial<typeof file> = {}, maxCaseBytes = 1000) =>
    command('AddAttachment', { ...file, ...overrides, maxCaseBytes }, ASKED_AT);
  const added = (overrides: Partial<typeof file> = {}) =>
    ({ type: 'AttachmentAdded', data: { ...file, ...overrides, addedAt: ASKED_AT } }) as const;

  it('joins a file to an open or answered case', () => {
    given(registered()).when(add()).then([added()]);
    given(registered(), answered()).when(add()).then([added()]);
  });

  it("refuses a closed case, a reused id, and a file that would take the case's files over their total", () => {
    given(registered(), answered(), closed()).when(add()).thenRefused('conflict', 'CASE_CLOSED');
    given(registered(), added()).when(add()).thenRefused('conflict', 'ATTACHMENT_EXISTS');
    given(registered(), added())
      .when(add({ attachmentId: 'at-2', size: 601 }))
      .thenRefused('conflict', 'CASE_ATTACHMENTS_FULL');
    given(registered(), added())
      .when(add({ attachmentId: 'at-2', size: 600 }))
      .then([added({ attachmentId: 'at-2', size: 600 })]);
  });

  it('shares with a department only attachments of the case, named on the forwarding', () => {
    const forward = (attachmentIds: string[]) =>
      command(
        'ForwardToManagement',
        { forwardingId: 'fw-1', department: 'regulacao', instructions: 'Ver', dueInBusinessDays: 3, attachmentIds },
        ASKED_AT,
      );
    given(registered(), added())
      .when(forward(['at-9']))
      .thenRefused('invalid', 'VALIDATION_FAILED', ['attachments']);
    const state = fold([registered(), added(), added({ attachmentId: 'at-2' })]) as Manifestation;
    expect(state.attachments.map((a) => a.attachmentId)).toEqual(['at-1', 'at-2']);
  });
});
