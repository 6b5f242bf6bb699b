import { IANAZone } from 'luxon';

const QUARTER_HOUR_MS = 15 * 60 * 1000;
const MINUTE_MS = 60 * 1000;
const MAX_MEMO = 50_000;

/**
 * Local wall-clock time in one IANA zone, with the zone's offsets memoised per quarter hour.
 * Asking luxon (and so Intl) for an offset costs microseconds, and every command asks several
 * times. A quarter hour is memoised only when its start and end agree on the offset, so a
 * transition inside it is always computed exactly.
 */
export class ZoneOffsets {
  private readonly zone: IANAZone;
  private readonly memo = new Map<number, number>();

  constructor(timeZone: string) {
    this.zone = IANAZone.create(timeZone);
  }

  /** Offset from UTC at an instant, in minutes (e.g. -180 for America/Sao_Paulo). */
  offsetMinutes(ms: number): number {
    const bucket = Math.floor(ms / QUARTER_HOUR_MS);
    const memoised = this.memo.get(bucket);
    if (memoised !== undefined) return memoised;
    const start = this.zone.offset(bucket * QUARTER_HOUR_MS);
    if (start === this.zone.offset((bucket + 1) * QUARTER_HOUR_MS - 1)) {
      if (this.memo.size >= MAX_MEMO) this.memo.clear();
      this.memo.set(bucket, start);
      return start;
    }
    return this.zone.offset(ms);
  }

  /** The local wall-clock reading of an instant, expressed as if it were UTC milliseconds. */
  wallClock(ms: number): number {
    return ms + this.offsetMinutes(ms) * MINUTE_MS;
  }

  /** The instant whose local wall-clock reading is `wall` (UTC-expressed milliseconds). */
  instantAt(wall: number): number {
    const guess = wall - this.offsetMinutes(wall) * MINUTE_MS;
    return wall - this.offsetMinutes(guess) * MINUTE_MS;
  }

  /** ISO-8601 with the zone's offset, as luxon writes it: `2026-04-01T10:00:00.000-03:00`. */
  toIso(ms: number): string {
    const offset = this.offsetMinutes(ms);
    const local = new Date(ms + offset * MINUTE_MS).toISOString().slice(0, 23);
    const sign = offset < 0 ? '-' : '+';
    const abs = Math.abs(offset);
    return `${local}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  }
}

const pad = (n: number) => String(n).padStart(2, '0');
