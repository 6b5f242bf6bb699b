import { dataSubjectOf, ERASED, erasedRequester, PERSONAL_FIELDS, personalFieldsOf, withoutPersonalFields } from './personal-fields';

describe('personal fields of case events', () => {
  it("are the requester's identity and contact and every free text, and nothing a report counts", () => {
    expect(PERSONAL_FIELDS).toEqual({
      ManifestationRegistered: [
        'requester.name',
        'requester.document',
        'requester.email',
        'requester.phone',
        'requester.beneficiaryCard',
        'subject',
        'description',
        'accessCodeHash',
      ],
      EscalatedFromSac: ['reason'],
      ManifestationClassified: [],
      ReanaliseConverted: ['reason'],
      ForwardedToManagement: ['instructions'],
      ManagementReplied: ['text'],
      DeadlineExtended: ['justification'],
      ManifestationAnswered: ['text', 'lateReason', 'reversalReason'],
      ManifestationClosed: ['note'],
      SatisfactionRecorded: ['comment'],
      AccessCodeReissued: ['accessCodeHash'],
      ClarificationRequested: ['question'],
      ClarificationReplied: ['text'],
      AttachmentAdded: ['name', 'sha256'],
    });
    const reported = ['manifestationType', 'channel', 'theme', 'receivedAt', 'deadline', 'outcome', 'timeliness', 'department', 'score'];
    for (const paths of Object.values(PERSONAL_FIELDS)) for (const field of reported) expect(paths).not.toContain(field);
  });

  it('has none for events that are not case events', () => {
    expect(personalFieldsOf('LogSealed')).toEqual([]);
    expect(personalFieldsOf('RegistrationClaimed')).toEqual([]);
    expect(ERASED).toBe('[erased]');
  });

  it("keys a case by its requester's document, or by the case itself when anonymous or without one", () => {
    const requester = { kind: 'BENEFICIARIO' as const, anonymous: false, name: 'Maria' };
    expect(dataSubjectOf({ protocol: 'P1', requester: { ...requester, document: '529.982.247-25' } })).toBe('document:52998224725');
    expect(dataSubjectOf({ protocol: 'P2', requester: { ...requester, document: '52998224725' } })).toBe('document:52998224725');
    expect(dataSubjectOf({ protocol: 'P3', requester })).toBe('case:P3');
    expect(dataSubjectOf({ protocol: 'P4', requester: { ...requester, anonymous: true, document: '52998224725' } })).toBe('case:P4');
    expect(dataSubjectOf({ protocol: 'P5', requester: { ...requester, document: '12.ABC.345/01DE-35' } })).toBe('document:12ABC34501DE35');
  });

  it('leaves the personal values out of an event’s data, and nothing else', () => {
    const data = {
      protocol: 'P1',
      manifestationType: 'RECLAMACAO',
      requester: { kind: 'BENEFICIARIO', anonymous: false, name: 'Maria', document: '52998224725', email: 'm@example.com' },
      subject: 'Exame',
      description: 'Negado',
      receivedAt: 'x',
    };
    expect(withoutPersonalFields('ManifestationRegistered', data)).toEqual({
      protocol: 'P1',
      manifestationType: 'RECLAMACAO',
      requester: { kind: 'BENEFICIARIO', anonymous: false },
      receivedAt: 'x',
    });
    expect(data.requester.name).toBe('Maria');
    expect(withoutPersonalFields('ManifestationClosed', { reason: 'RESPONDIDA', closedAt: 'x' })).toEqual({
      reason: 'RESPONDIDA',
      closedAt: 'x',
    });
  });

  it('marks the given identity and contact fields of a requester erased, and only those', () => {
    expect(erasedRequester({ kind: 'BENEFICIARIO', anonymous: false, name: 'Maria', email: 'm@example.com' })).toEqual({
      kind: 'BENEFICIARIO',
      anonymous: false,
      name: ERASED,
      email: ERASED,
    });
  });
});
