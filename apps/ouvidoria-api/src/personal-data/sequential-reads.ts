import type { ReadAllOptions, RecordedEvent } from '@app/event-store';

/** How many pages are read and being opened ahead of the one a sequential reader asks for. */
const PAGES_AHEAD = 2;
/** How many pages are kept ahead for all sequential readers together (the dispatcher, the relay, the REA catch-up). */
const PAGES_KEPT = 8;

/** A page of a sequential reader: its events as stored, and as they open. */
export interface SequentialPage {
  stored: RecordedEvent[];
  opened: Promise<RecordedEvent[]>;
  /** How many erasures the sealing layer had seen before the page's keys were looked up. */
  erasures: number;
}

/** What reading ahead needs of the sealing layer. */
export interface SequentialSource {
  /** The page as stored. */
  readStored(options: ReadAllOptions): Promise<RecordedEvent[]>;
  /** The page with its keys looked up (in turn with every other read) and its opening started. */
  open(stored: RecordedEvent[], erasures: number): Promise<SequentialPage>;
  /** How many erasures it has seen (its shreds, and those read in the log). */
  erasures(): number;
}

/**
 * The pages of readers that read on from where each page ends (`ReadAllOptions.sequential`):
 * the next `PAGES_AHEAD` full pages are read and being opened (on the opener's worker) while the
 * reader handles one. Only full pages: one at the log's end may yet grow. A page opened with keys
 * that an erasure meanwhile made unusable is not kept.
 */
export class SequentialReads {
  private readonly ahead = new Map<string, SequentialPage>();

  constructor(private readonly source: SequentialSource) {}

  /** The page asked for, read ahead or read now; the pages after it start being read. */
  async page(options: ReadAllOptions): Promise<SequentialPage> {
    const key = pageKey(options);
    const page = this.ahead.get(key) ?? (await this.read(options));
    this.ahead.delete(key);
    void this.readAhead(page.stored, options.maxCount);
    return page;
  }

  /** Drops every page read ahead (an erasure, or a shred here). */
  clear(): void {
    this.ahead.clear();
  }

  private async read(options: ReadAllOptions): Promise<SequentialPage> {
    const erasures = this.source.erasures();
    return this.source.open(await this.source.readStored(options), erasures);
  }

  /** A failure here is met by the read that asks for that page. */
  private async readAhead(stored: RecordedEvent[], maxCount: number): Promise<void> {
    const erasures = this.source.erasures();
    try {
      for (let i = 0, page = stored; i < PAGES_AHEAD && page.length === maxCount; i++) {
        const options = { after: page[page.length - 1].position, maxCount };
        const key = pageKey(options);
        let next = this.ahead.get(key);
        if (!next) {
          const events = await this.source.readStored(options);
          if (events.length < maxCount) return;
          next = await this.source.open(events, erasures);
          if (erasures !== this.source.erasures()) return;
          this.ahead.set(key, next);
          if (this.ahead.size > PAGES_KEPT) this.ahead.delete(this.ahead.keys().next().value!);
        }
        page = next.stored;
      }
    } catch {
      return;
    }
  }
}

/** A page read ahead, by where it starts and its size. */
const pageKey = ({ after, maxCount }: ReadAllOptions) => `${after}/${maxCount}`;
