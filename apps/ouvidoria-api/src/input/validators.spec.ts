import { validateSync } from 'class-validator';
import { IsIsoInstant, NotBlank } from './validators';

class Probe {
  @IsIsoInstant()
  at: unknown;
}

class Text {
  @NotBlank()
  text: unknown;
}

const valid = (at: unknown) => {
  const probe = new Probe();
  probe.at = at;
  return validateSync(probe).length === 0;
};

describe('IsIsoInstant', () => {
  it.each(['2026-04-01T10:00:00-03:00', '2026-04-01T13:00:00Z', '2026-04-01T10:00-03:00', '2026-04-01T10:00:00.123456+05:45'])(
    'accepts %s',
    (at) => expect(valid(at)).toBe(true),
  );

  it.each([
    ['no offset', '2026-04-01T10:00:00'],
    ['a date only', '2026-04-01'],
    ['30 February', '2026-02-30T10:00:00Z'],
    ['hour 25', '2026-04-01T25:00:00Z'],
    ['before 2000', '1999-12-31T23:59:59Z'],
    ['year 1', '0001-01-01T00:00:00Z'],
    ['a number', 1775048400000],
    ['free text', 'yesterday'],
  ])('refuses %s', (_, at) => expect(valid(at)).toBe(false));
});

describe('NotBlank', () => {
  it('refuses white space only, accepts text', () => {
    const text = new Text();
    text.text = ' \t\n';
    expect(validateSync(text)).toHaveLength(1);
    text.text = ' a ';
    expect(validateSync(text)).toHaveLength(0);
  });
});
