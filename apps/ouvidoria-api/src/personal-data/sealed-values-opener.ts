import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { openOrNull } from './field-cipher';

/** A sealed JSON value to open: its key, the context it was sealed with (the event id), the sealed text. */
export interface SealedValue {
  key: Buffer;
  context: string;
  sealed: string;
}

/** A page sent to the worker: each key once, and for each value the index of its key. */
export interface OpenRequest {
  id: number;
  keys: Uint8Array[];
  keyOf: number[];
  contexts: string[];
  sealed: string[];
}

/** The opened values, parsed, in the request's order; null where a value did not authenticate. */
export interface OpenAnswer {
  id: number;
  values: unknown[];
}

/** What the worker says once it can take pages. */
export const WORKER_READY = 'ready';

/**
 * Below this many values a page is opened on the calling thread: the command path reads a case's
 * few events, for which the round trip to the worker costs more than it saves.
 */
export const OPENED_IN_PLACE_BELOW = 64;

/** Run from the TypeScript sources (tests, benchmarks), the worker needs their loader, which takes 0.3 s to start. */
const FROM_SOURCES = __filename.endsWith('.ts');

interface Pending {
  values: SealedValue[];
  resolve: (opened: unknown[]) => void;
  reject: (error: unknown) => void;
}

/**
 * Opens pages of sealed JSON values on a worker thread of its own (parsed there too), so that a rebuild or a catch-up
 * applies one page while the next is being opened (see docs/personal-data.md, Cost). Compiled, the
 * worker starts with the opener (in about 40 ms); from the sources, with the first large page.
 * Until it is ready, and should it ever fail, pages are opened in place: slower, never wrong. The
 * worker keeps no key between pages and does not keep the process alive while idle.
 */
export class SealedValuesOpener {
  private worker: Worker | null = null;
  private ready: Promise<void> | null = null;
  private isReady = false;
  private failed = false;
  private nextId = 0;
  private openedOnWorker = 0;
  private readonly pending = new Map<number, Pending>();

  constructor() {
    if (!FROM_SOURCES) void this.start();
  }

  /** Starts the worker (once); resolves when it takes pages, or when it could not start (pages are then opened in place). */
  start(): Promise<void> {
    if (this.failed) return Promise.resolve();
    return (this.ready ??= new Promise((resolve) => {
      let worker: Worker;
      try {
        worker = new Worker(join(__dirname, `sealed-values-worker.${FROM_SOURCES ? 'ts' : 'js'}`), {
          execArgv: FROM_SOURCES ? ['--require', 'ts-node/register/transpile-only'] : [],
        });
      } catch {
        // No thread to be had (a limit of the host): every page is opened in place.
        this.failed = true;
        return resolve();
      }
      this.worker = worker;
      worker.unref();
      worker.on('message', (message: OpenAnswer | typeof WORKER_READY) => {
        if (message === WORKER_READY) {
          this.isReady = true;
          return resolve();
        }
        this.answered(worker, message);
      });
      const fail = () => {
        resolve();
        if (this.worker !== worker) return;
        this.worker = null;
        this.failed = true;
        this.openPendingInPlace();
      };
      worker.on('error', fail);
      worker.on('messageerror', fail);
      worker.on('exit', fail);
    }));
  }

  /** Whether large pages go to the worker (started, ready, not failed or closed). */
  get onWorker(): boolean {
    return this.isReady && this.worker !== null;
  }

  /** How many pages the worker has opened. */
  get pagesOpenedOnWorker(): number {
    return this.openedOnWorker;
  }

  /** `values` opened and parsed, in order; null for a value that does not authenticate (changed, or another key or context). */
  async open(values: SealedValue[]): Promise<unknown[]> {
    if (values.length < OPENED_IN_PLACE_BELOW) return openInPlace(values);
    void this.start();
    const worker = this.worker;
    if (!this.onWorker || !worker) return openInPlace(values);
    const id = this.nextId++;
    const keys: Uint8Array[] = [];
    const keyIndex = new Map<Buffer, number>();
    const keyOf = values.map(({ key }) => {
      let index = keyIndex.get(key);
      // A copy of its 32 bytes: a Buffer may be a slice of a shared pool, which would travel whole.
      if (index === undefined) keyIndex.set(key, (index = keys.push(new Uint8Array(key)) - 1));
      return index;
    });
    const request: OpenRequest = { id, keys, keyOf, contexts: values.map((v) => v.context), sealed: values.map((v) => v.sealed) };
    return new Promise((resolve, reject) => {
      worker.postMessage(request);
      if (this.pending.size === 0) worker.ref();
      this.pending.set(id, { values, resolve, reject });
    });
  }

  /** Stops the worker; what it still held is opened in place, and so is every page after. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.failed = true;
    this.openPendingInPlace();
    await worker?.terminate();
  }

  private answered(worker: Worker, { id, values }: OpenAnswer): void {
    const page = this.pending.get(id);
    if (!page) return;
    this.pending.delete(id);
    if (this.pending.size === 0) worker.unref();
    this.openedOnWorker++;
    page.resolve(values);
  }

  private openPendingInPlace(): void {
    const pages = [...this.pending.values()];
    this.pending.clear();
    for (const { values, resolve, reject } of pages) {
      try {
        resolve(openInPlace(values));
      } catch (error) {
        reject(error);
      }
    }
  }
}

function openInPlace(values: SealedValue[]): unknown[] {
  return values.map(({ key, context, sealed }) => openJsonOrNull(key, context, sealed));
}

/** A sealed JSON value opened and parsed; null when it does not authenticate. */
export function openJsonOrNull(key: Uint8Array, context: string, sealed: string): unknown {
  const text = openOrNull(key, context, sealed);
  return text === null ? null : JSON.parse(text);
}
