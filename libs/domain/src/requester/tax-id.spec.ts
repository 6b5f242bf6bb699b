import { isValidTaxId, normalizeTaxId } from './tax-id';

describe('normalizeTaxId', () => {
  it.each([
    ['529.982.247-25', '52998224725'],
    ['11.222.333/0001-81', '11222333000181'],
    [' 12.abc.345/01de-35 ', '12ABC34501DE35'],
  ])('%p becomes %p', (value, normalized) => {
    expect(normalizeTaxId(value)).toBe(normalized);
  });
});

describe('isValidTaxId', () => {
  it.each(['529.982.247-25', '52998224725', '11.222.333/0001-81', '11222333000181', '12ABC34501DE35', '12.abc.345/01de-35'])(
    'accepts %p',
    (value) => {
      expect(isValidTaxId(value)).toBe(true);
    },
  );

  it.each([
    ['a wrong first CPF check digit', '529.982.247-35'],
    ['a wrong second CPF check digit', '529.982.247-26'],
    ['a CPF of repeated digits', '111.111.111-11'],
    ['a wrong CNPJ check digit', '11.222.333/0001-82'],
    ['a CNPJ of repeated digits', '00.000.000/0000-00'],
    ['a wrong alphanumeric CNPJ check digit', '12ABC34501DE36'],
    ['letters in the CNPJ check digits', '12ABC34501DE3A'],
    ['letters in a CPF', '5299822472A'],
    ['a 12-digit value', '529982247251'],
    ['an empty value', ''],
  ])('refuses %s', (_, value) => {
    expect(isValidTaxId(value)).toBe(false);
  });
});
