import { asKurrentDbStoreError, KEYS_PREFIX, KurrentConnection } from '@app/event-store';
import { jsonEvent, StreamNotFoundError, WrongExpectedVersionError, type ResolvedEvent } from '@kurrent/kurrentdb-client';
import { randomBytes, randomUUID } from 'node:crypto';
import { DATA_KEY_BYTES, open, seal } from './field-cipher';
import type { DataKey, KeyStore } from './key-store';

/** A key read is remembered this long: the key of an existing subject never changes meanwhile. */
const REMEMBERED_MS = 60_000;

/**
 * Data keys every instance on one KurrentDB shares: one stream `<prefix>keys-<subject>` per subject,
 * beside the log and filtered out of it (never sealed, copied or projected), whose single
 * `DataKeyCreated` event holds the key sealed with the key-encryption key (required here: anyone
 * who can read the cluster could read the keys otherwise). Created with expected revision
 * `no_stream`, so two instances racing for a new subject end with one key. Destroying a subject's
 * key soft-deletes its stream: every instance forgets the key when it reads the erasure in the log
 * (at the latest when its memory of it expires, 60 s), and the node removes it from its files at
 * the next scavenge (docs/personal-data.md). A subject
 * that comes back gets a new key in the same stream, after the deleted one.
 */
export class KurrentDbKeyStore implements KeyStore {
  private readonly connection: KurrentConnection;
  private readonly remembered = new Map<string, { key: DataKey; until: number }>();

  constructor(
    url: string,
    private readonly prefix: string,
    private readonly keyEncryptionKey: Buffer,
  ) {
    this.connection = new KurrentConnection(url);
  }

  async keyFor(subject: string): Promise<DataKey> {
    const known = await this.read(subject);
    if (known) return known;
    return this.store(subject, { id: randomUUID(), key: randomBytes(DATA_KEY_BYTES) });
  }

  /** Stores a key made elsewhere (`store:copy`); the one already there wins. */
  async store(subject: string, key: DataKey): Promise<DataKey> {
    const sealed = seal(this.keyEncryptionKey, `data-key\n${key.id}`, key.key.toString('base64'));
    const event = jsonEvent({ id: randomUUID(), type: 'DataKeyCreated', data: { id: key.id, key: sealed } });
    const append = (streamState: 'no_stream' | bigint) =>
      this.guarded(() => this.connection.use((client) => client.appendToStream(this.streamOf(subject), event, { streamState })));
    try {
      await append('no_stream');
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      const raced = await this.read(subject, { fresh: true });
      if (raced) return raced;
      // A stream whose key was destroyed is written again after its last revision (still one winner of a race).
      if (typeof error.actualState !== 'bigint') throw error;
      try {
        await append(error.actualState);
      } catch (again) {
        if (!(again instanceof WrongExpectedVersionError)) throw again;
        return (await this.read(subject, { fresh: true }))!;
      }
    }
    this.remember(subject, key);
    return key;
  }

  async destroy(subject: string): Promise<number> {
    if (!(await this.read(subject, { fresh: true }))) return 0;
    await this.guarded(() => this.connection.use((client) => client.deleteStream(this.streamOf(subject))));
    this.remembered.delete(subject);
    return 1;
  }

  async key(subject: string, id: string): Promise<Buffer | null> {
    const key = await this.read(subject);
    return key?.id === id ? key.key : null;
  }

  forget(subject: string): void {
    this.remembered.delete(subject);
  }

  async close(): Promise<void> {
    await this.connection.close();
  }

  private async read(subject: string, { fresh = false } = {}): Promise<DataKey | null> {
    const remembered = this.remembered.get(subject);
    if (!fresh && remembered && remembered.until > Date.now()) return remembered.key;
    const key = await this.guarded(() =>
      this.connection.use(async (client) => {
        try {
          for await (const resolved of client.readStream(this.streamOf(subject), { maxCount: 1 })) {
            const { id, key: sealed } = (resolved as ResolvedEvent).event!.data as { id: string; key: string };
            return { id, key: Buffer.from(open(this.keyEncryptionKey, `data-key\n${id}`, sealed), 'base64') };
          }
        } catch (error) {
          if (!(error instanceof StreamNotFoundError)) throw error;
        }
        return null;
      }),
    );
    if (key) this.remember(subject, key);
    return key;
  }

  private remember(subject: string, key: DataKey): void {
    this.remembered.set(subject, { key, until: Date.now() + REMEMBERED_MS });
    if (this.remembered.size > 10_000) this.remembered.delete(this.remembered.keys().next().value!);
  }

  private streamOf(subject: string): string {
    return `${this.prefix}${KEYS_PREFIX}${subject}`;
  }

  private async guarded<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw asKurrentDbStoreError(error);
    }
  }
}
