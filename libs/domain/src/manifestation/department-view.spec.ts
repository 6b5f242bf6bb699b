import { requesterForDepartment } from './department-view';
import type { Requester } from './events';

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

  it('shows who the requester is, without contact data, by default', () => {
    expect(requesterForDepartment('RECLAMACAO', requester, false)).toEqual({
      kind: 'BENEFICIARIO',
      name: 'Maria da Silva',
      document: '52998224725',
      beneficiaryCard: '0012345',
    });
  });

  it('adds e-mail and phone when the forwarding shared them', () => {
    expect(requesterForDepartment('REANALISE', requester, true)).toMatchObject({ email: 'maria@example.com', phone: '+5583999990000' });
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
