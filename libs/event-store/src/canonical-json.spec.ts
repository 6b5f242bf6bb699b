import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('gives one text whatever the key order, at every depth', () => {
    const a = { b: 1, a: { d: [{ y: 1, x: 2 }], c: 'text' } };
    const b = { a: { c: 'text', d: [{ x: 2, y: 1 }] }, b: 1 };

    expect(canonicalJson(a)).toBe('{"a":{"c":"text","d":[{"x":2,"y":1}]},"b":1}');
    expect(canonicalJson(b)).toBe(canonicalJson(a));
  });

  it('keeps array order, since order in an array is meaning', () => {
    expect(canonicalJson([3, 1, 2])).toBe('[3,1,2]');
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  });

  it('drops undefined properties as JSON.stringify does, so an absent and an undefined field hash alike', () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}');
    expect(canonicalJson({ a: 1, b: undefined })).toBe(canonicalJson({ a: 1 }));
  });

  it('writes undefined inside an array as null, as JSON.stringify does', () => {
    expect(canonicalJson([1, undefined])).toBe('[1,null]');
  });

  it('passes primitives and null through unchanged', () => {
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson('a"b')).toBe('"a\\"b"');
    expect(canonicalJson(42)).toBe('42');
    expect(canonicalJson(true)).toBe('true');
  });

  it('tells apart values that differ only deep inside', () => {
    expect(canonicalJson({ a: { b: [1, { c: 1 }] } })).not.toBe(canonicalJson({ a: { b: [1, { c: 2 }] } }));
  });

  // The event store hashes canonicalJson(data) but stores JSON.stringify(data): both must agree on
  // values with a toJSON, such as Date, or two different instants collapse into the same text.
  it('writes a Date as JSON.stringify does', () => {
    const value = { at: new Date('2024-03-01T12:00:00.000Z') };

    expect(canonicalJson(value)).toBe(JSON.stringify(value));
    expect(canonicalJson({ at: new Date(0) })).not.toBe(canonicalJson({ at: new Date(1) }));
  });
});
