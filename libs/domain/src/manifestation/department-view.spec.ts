import { fold } from '../../test-support/given';
import { answered, forwarded, registered, replied } from '../../test-support/manifestation-fixtures';
import { manifestationForDepartment, forwardingsTo, requesterForDepartment } from './department-view';
import type { ForwardedToManagement, Requester } from './events';

describe('requesterForDepartment', () => {
  const requester: Requester = {
    kind: 'BENEFICIARIO',
    anonymous: false,
    name: 'Maria da Silva',
    document: '52998224725',
    email: 'maria@example.com',
    phone: '+5583999990000',
    beneficiaryCard: '0012345',
  };

  it('shows only the kind of requester by default: no name, document, card or contact', () => {
    expect(requesterForDepartment('RECLAMACAO', requester, false)).toEqual({ kind: 'BENEFICIARIO' });
  });

  it('shows who they are and how to reach them when the forwarding shared them', () => {
    expect(requesterForDepartment('REANALISE', requester, true)).toEqual({
      kind: 'BENEFICIARIO',
      name: 'Maria da Silva',
      document: '52998224725',
      beneficiaryCard: '0012345',
      email: 'maria@example.com',
      phone: '+5583999990000',
    });
  });

  it('shows nothing at all of the requester of a DENUNCIA, even when asked to share', () => {
    expect(requesterForDepartment('DENUNCIA', requester, true)).toBeNull();
    expect(requesterForDepartment('DENUNCIA', { kind: 'OUTRO', anonymous: true }, false)).toBeNull();
  });

  it('leaves out what the requester did not give', () => {
    expect(requesterForDepartment('ELOGIO', { kind: 'CORRETOR', anonymous: false, name: 'Ana', phone: '11999990000' }, true)).toEqual({
      kind: 'CORRETOR',
      name: 'Ana',
      phone: '11999990000',
    });
  });
});

describe('manifestationForDepartment', () => {
  const sharing = (forwardingId: string, department: string): ForwardedToManagement => {
    const event = forwarded(forwardingId, department);
    return { ...event, data: { ...event.data, shareRequesterContact: true } };
  };

  it('is null for a case never forwarded to the department, and for no case at all', () => {
    expect(manifestationForDepartment(fold([registered(), forwarded('fw-1', 'regulacao')]), 'financeiro')).toBeNull();
    expect(manifestationForDepartment(null, 'regulacao')).toBeNull();
  });

  it("shows only the department's own forwardings, and of the requester only the kind", () => {
    const state = fold([registered(), forwarded('fw-1', 'regulacao'), replied('fw-1', 'regulacao'), forwarded('fw-2', 'financeiro')]);
    const view = manifestationForDepartment(state, 'regulacao')!;
    expect(view.forwardings.map((f) => [f.forwardingId, f.status])).toEqual([['fw-1', 'REPLIED']]);
    expect(view.requester).toEqual({ kind: 'BENEFICIARIO' });
    expect(view).toMatchObject({ protocol: state!.protocol, type: 'RECLAMACAO', status: 'OPEN', subject: state!.subject });
  });

  it('leaves out what the department does not need: the answer, the contract, the SAC trail', () => {
    const view = manifestationForDepartment(fold([registered(), forwarded('fw-1', 'regulacao'), answered()]), 'regulacao')!;
    expect(view.status).toBe('ANSWERED');
    expect(Object.keys(view).sort()).toEqual(
      [
        'attachments',
        'deadline',
        'description',
        'forwardings',
        'protocol',
        'receivedAt',
        'requester',
        'status',
        'subject',
        'theme',
        'type',
      ].sort(),
    );
  });

  it('adds who the requester is and their contact when one of its forwardings shared them, never for a DENUNCIA', () => {
    const complaint = manifestationForDepartment(
      fold([registered(), forwarded('fw-1', 'regulacao'), sharing('fw-2', 'regulacao')]),
      'regulacao',
    );
    expect(complaint!.requester).toMatchObject({ name: 'Maria da Silva', email: 'maria@example.com' });
    const report = fold([registered({ manifestationType: 'DENUNCIA' }), sharing('fw-1', 'regulacao')]);
    expect(manifestationForDepartment(report, 'regulacao')).not.toHaveProperty('requester');
  });
});

describe('forwardingsTo', () => {
  const state = fold([registered(), forwarded('fw-1', 'regulacao'), forwarded('fw-2', 'financeiro')]);

  it('finds a forwarding only under the department it went to', () => {
    expect(forwardingsTo(state, 'regulacao', 'fw-1')).toHaveLength(1);
    expect(forwardingsTo(state, 'financeiro', 'fw-1')).toEqual([]);
    expect(forwardingsTo(null, 'regulacao', 'fw-1')).toEqual([]);
  });
});
