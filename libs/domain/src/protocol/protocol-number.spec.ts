import { formatProtocol, isProtocol, MAX_DAILY_SEQUENCE } from './protocol-number';

describe('formatProtocol', () => {
  it('joins the ANS registration, the local date and the zero-padded daily sequence into 20 digits', () => {
    expect(formatProtocol('345678', '20260401', 1)).toBe('34567820260401000001');
    expect(formatProtocol('000123', '20261231', MAX_DAILY_SEQUENCE)).toBe('00012320261231999999');
  });

  it.each(['34567', '3456789', '34567A', ''])('refuses operator registration %p', (registration) => {
    expect(() => formatProtocol(registration, '20260401', 1)).toThrow('operator registration must be 6 digits');
  });

  it.each(['2026-04-01', '260401', '2026040A'])('refuses local date %p', (date) => {
    expect(() => formatProtocol('345678', date, 1)).toThrow('local date must be YYYYMMDD');
  });

  it.each([0, -1, 1.5, MAX_DAILY_SEQUENCE + 1, Number.NaN])('refuses sequence %p', (sequence) => {
    expect(() => formatProtocol('345678', '20260401', sequence)).toThrow('daily protocol sequence exhausted or invalid');
  });
});

describe('isProtocol', () => {
  it.each([
    ['34567820260401000001', true],
    ['3456782026040100000', false],
    ['345678202604010000011', false],
    ['34567820260401-00001', false],
    ['', false],
  ])('%p is a protocol: %p', (value, expected) => {
    expect(isProtocol(value)).toBe(expected);
  });
});
