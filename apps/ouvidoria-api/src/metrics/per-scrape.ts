import { Gauge, type Registry } from 'prom-client';

/** Scrapes come seconds apart; the gauges of one scrape are collected within milliseconds. */
const SCRAPE_MS = 500;

/**
 * One reading shared by every gauge of a scrape: they are collected together, must agree, and
 * must not each read the same state again.
 */
export function perScrape<T>(read: () => T): () => T {
  let taken: { at: number; value: T } | undefined;
  return () => {
    const at = Date.now();
    if (!taken || at - taken.at > SCRAPE_MS) taken = { at, value: read() };
    return taken.value;
  };
}

/** A gauge with one label, set at each scrape from the rows `rows` gives: one sample a row, none besides. */
export function labelledGauge<Row>(
  registry: Registry,
  { name, help, label }: { name: string; help: string; label: string },
  rows: () => Iterable<[string, Row]> | Promise<Iterable<[string, Row]>>,
  pick: (row: Row) => number,
): Gauge {
  return new Gauge({
    name,
    help,
    labelNames: [label],
    registers: [registry],
    async collect() {
      const current = await rows();
      this.reset();
      for (const [value, row] of current) this.set({ [label]: value }, pick(row));
    },
  });
}
