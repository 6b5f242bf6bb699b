import { dataSubjectOf, ERASED, PERSONAL_FIELDS, personalFieldsOf } from './personal-fields';

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
  });
});
