import { InvalidClaims, principalFromClaims } from './principal';

describe('principalFromClaims', () => {
  it('takes sub and role, and the department only for department users', () => {
    expect(principalFromClaims({ sub: 'maria', role: 'ouvidoria', department: 'financeiro', iat: 1 })).toEqual({
      sub: 'maria',
      role: 'ouvidoria',
    });
    expect(principalFromClaims({ sub: 'ana', role: 'department', department: 'regulacao' })).toEqual({
      sub: 'ana',
      role: 'department',
      department: 'regulacao',
    });
  });

  it.each([
    [{ role: 'ouvidoria' }, 'claim "sub"'],
    [{ sub: '', role: 'ouvidoria' }, 'claim "sub"'],
    [{ sub: 'x'.repeat(201), role: 'ouvidoria' }, 'claim "sub"'],
    [{ sub: 'maria' }, 'claim "role"'],
    [{ sub: 'maria', role: 'Admin' }, 'claim "role"'],
    [{ sub: 'ana', role: 'department' }, 'claim "department"'],
    [{ sub: 'ana', role: 'department', department: 'Regulação' }, 'claim "department"'],
  ])('refuses %j, naming the claim', (claims, named) => {
    expect(() => principalFromClaims(claims)).toThrow(InvalidClaims);
    expect(() => principalFromClaims(claims)).toThrow(named);
  });
});
