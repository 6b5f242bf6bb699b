import { createHash } from 'node:crypto';
import { GENESIS_HASH } from './hash-chain';

/**
 * Seals: what a per-stream hash chain cannot see (a stream's last events deleted, a whole stream
 * removed) is covered by a rolling hash over every event of the log in log order. A sealer
 * records it now and then as an event of its own stream; an auditor keeps one outside (an anchor).
 * Seals name the last event they cover by id and count, not by position, so that they still hold
 * on a copy of the log in another store, whose positions differ.
 */
export const SEAL_STREAM = 'audit-seals';
export const SEAL_EVENT = 'LogSealed';

export interface Seal {
  /** How many events of the log it covers, from the first. */
  events: number;
  /** The id of the last of them. */
  lastEventId: string;
  /** That event's position in the store that sealed it (informational: a copy has others). */
  lastPosition: string;
  /** The rolling hash over those events (`rollOn`). */
  rollingHash: string;
}

export const EMPTY_LOG_HASH = GENESIS_HASH;

/** The rolling hash after one more event: its own (chain) hash covers its content. */
export const rollOn = (rolling: string, eventHash: string): string => createHash('sha256').update(rolling).update(eventHash).digest('hex');

const ANCHOR = /^seal:(\d{1,15}):([\x21-\x39\x3b-\x7e]{1,200}):([0-9a-f]{64})$/;

/** A seal as one line an auditor can keep and give back: `seal:<events>:<lastEventId>:<rollingHash>`. */
export const formatAnchor = (seal: Pick<Seal, 'events' | 'lastEventId' | 'rollingHash'>): string =>
  `seal:${seal.events}:${seal.lastEventId}:${seal.rollingHash}`;

/** The seal an anchor names; null when the text is no anchor. */
export function parseAnchor(text: string): Pick<Seal, 'events' | 'lastEventId' | 'rollingHash'> | null {
  const match = ANCHOR.exec(text.trim());
  if (!match || Number(match[1]) < 1) return null;
  return { events: Number(match[1]), lastEventId: match[2], rollingHash: match[3] };
}
