import { randomBytes } from 'node:crypto';
import { DATA_KEY_BYTES, seal } from './field-cipher';
import { OPENED_IN_PLACE_BELOW, SealedValuesOpener, type SealedValue } from './sealed-values-opener';

const key = randomBytes(DATA_KEY_BYTES);
const other = randomBytes(DATA_KEY_BYTES);
/** A page large enough for the worker: values sealed with two keys, as JSON. */
const page = (count = OPENED_IN_PLACE_BELOW * 2): SealedValue[] =>
  Array.from({ length: count }, (_, i) => {
    const k = i % 2 ? key : other;
    return { key: k, context: `event-${i}`, sealed: seal(k, `event-${i}`, JSON.stringify({ 'requester.name': `Pessoa ${i}`, n: i })) };
  });
const expected = (values: SealedValue[]) => values.map((_, i) => ({ 'requester.name': `Pessoa ${i}`, n: i }));

describe('opening pages of sealed values on a worker thread', () => {
  let opener: SealedValuesOpener;
  beforeEach(() => (opener = new SealedValuesOpener()));
  afterEach(() => opener.close());

  it('opens a large page on its worker as it would in place, and a small one in place', async () => {
    await opener.start();
    expect(opener.onWorker).toBe(true);
    const values = page();
    expect(await opener.open(values)).toEqual(expected(values));
    const few = page(3);
    expect(await opener.open(few)).toEqual(expected(few));
    expect(opener.pagesOpenedOnWorker).toBe(1);
  });

  it('answers pages asked for together each with its own values', async () => {
    await opener.start();
    const pages = [page(), page(OPENED_IN_PLACE_BELOW * 3), page()];
    const opened = await Promise.all(pages.map((values) => opener.open(values)));
    expect(opened).toEqual(pages.map(expected));
    expect(opener.pagesOpenedOnWorker).toBe(3);
  });

  it('gives null for a value changed, sealed with another key or for another event, and opens the others', async () => {
    await opener.start();
    const values = page();
    const raw = Buffer.from(values[0].sealed.slice(4), 'base64url');
    raw[raw.length - 20] ^= 1;
    values[0] = { ...values[0], sealed: `pd1:${raw.toString('base64url')}` };
    values[1] = { ...values[1], key: values[1].key === key ? other : key };
    values[2] = { ...values[2], context: 'event-9999' };
    const opened = await opener.open(values);
    expect(opened.slice(0, 3)).toEqual([null, null, null]);
    expect(opened.slice(3)).toEqual(expected(values).slice(3));
  });

  it('opens a page before its worker is ready, and every page once it is closed, in place', async () => {
    const values = page();
    expect(opener.onWorker).toBe(false);
    expect(await opener.open(values)).toEqual(expected(values));
    await opener.start();
    await opener.close();
    expect(opener.onWorker).toBe(false);
    expect(await opener.open(values)).toEqual(expected(values));
    expect(opener.pagesOpenedOnWorker).toBe(0);
  });

  it('rejects a page its worker failed on with the error, and opens the next ones in place', async () => {
    await opener.start();
    const values = page();
    values[5] = { ...values[5], key: randomBytes(16) }; // not an AES-256 key: the cipher throws
    await expect(opener.open(values)).rejects.toThrow(/key length/i);
    expect(opener.onWorker).toBe(false);
    const next = page();
    expect(await opener.open(next)).toEqual(expected(next));
  });
});
