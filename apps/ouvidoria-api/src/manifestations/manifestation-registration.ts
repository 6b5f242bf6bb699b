import {
  CommandRefused,
  refuseInvalidRegistration,
  type EscalateFromSac,
  type Manifestation,
  type RegisterManifestation,
} from '@app/domain';
import { EVENT_STORE, WrongExpectedRevision, type EventStore } from '@app/event-store';
import { Inject, Injectable } from '@nestjs/common';
import type { Outcome } from '../application/command-path';
import type { IdempotencyMismatch } from '../application/errors';
import { KeyedLock } from '../application/keyed-lock';
import { CLOCK, ID_GENERATOR, type Clock, type IdGenerator, type RequestMeta } from '../application/ports';
import { ManifestationStreams } from './manifestation-streams';
import { ProtocolAllocator } from './protocol-allocator';

export type BuildRegistration = (protocol: string, now: Date) => RegisterManifestation | EscalateFromSac;

export interface Claim {
  /** Stream that remembers which protocol a key was given, e.g. `sac-escalation-<id>`. */
  streamId: string;
  /** Digest of the request: the same key with another request is refused. */
  fingerprint: string;
  mismatch: () => IdempotencyMismatch;
}

export type RegistrationResult =
  { created: true; protocol: string; outcome: Outcome<Manifestation> } | { created: false; protocol: string };

const CLAIM_EVENT = 'RegistrationClaimed';
const PROVISIONAL_PROTOCOL = '0'.repeat(20);

/**
 * Opens new manifestations. A protocol number is spent only on a registration the domain accepts,
 * and a claimed key (idempotency key, SAC escalation id) opens at most one manifestation, even
 * across a crash between the claim and the registration: the retry finds the claim and finishes.
 */
@Injectable()
export class ManifestationRegistration {
  private readonly claims = new KeyedLock();

  constructor(
    private readonly manifestations: ManifestationStreams,
    private readonly protocols: ProtocolAllocator,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  async register(build: BuildRegistration, meta: RequestMeta): Promise<Outcome<Manifestation>> {
    const protocol = await this.acceptAndAllocate(build);
    return this.manifestations.act(protocol, (now) => build(protocol, now), { meta });
  }

  /**
   * Requests with the same key are serialised in this process, so that the second finds the
   * first's claim instead of spending a protocol number of its own. Across processes the claim
   * append still decides; the loser's number is then the only one lost.
   */
  registerOnce(claim: Claim, build: BuildRegistration, meta: RequestMeta): Promise<RegistrationResult> {
    return this.claims.run(claim.streamId, () => this.claimAndRegister(claim, build, meta));
  }

  private async claimAndRegister(claim: Claim, build: BuildRegistration, meta: RequestMeta): Promise<RegistrationResult> {
    const existing = await this.readClaim(claim);
    if (existing) return this.finish(existing, build, meta);
    const protocol = await this.acceptAndAllocate(build);
    const eventId = this.ids.uuid();
    const metadata = { eventId, occurredAt: this.clock.now().toISOString(), ...meta };
    const data = { protocol, fingerprint: claim.fingerprint };
    try {
      await this.store.append(claim.streamId, [{ id: eventId, type: CLAIM_EVENT, data, metadata }], 'no_stream');
    } catch (error) {
      if (!(error instanceof WrongExpectedRevision)) throw error;
      // Another request claimed the key first: answer as its replay.
      return this.finish((await this.readClaim(claim))!, build, meta);
    }
    return this.finish(protocol, build, meta);
  }

  /** A refused registration spends no protocol number. */
  private async acceptAndAllocate(build: BuildRegistration): Promise<string> {
    const now = this.clock.now();
    refuseInvalidRegistration(build(PROVISIONAL_PROTOCOL, now), null);
    return this.protocols.next(now);
  }

  /** Opens the claimed manifestation, unless an earlier request with the same claim already did. */
  private async finish(protocol: string, build: BuildRegistration, meta: RequestMeta): Promise<RegistrationResult> {
    try {
      const outcome = await this.manifestations.act(protocol, (now) => build(protocol, now), { meta });
      return { created: true, protocol, outcome };
    } catch (error) {
      if (error instanceof CommandRefused && error.code === 'ALREADY_REGISTERED') return { created: false, protocol };
      throw error;
    }
  }

  private async readClaim(claim: Claim): Promise<string | null> {
    const [event] = await this.store.readStream(claim.streamId);
    if (!event) return null;
    const data = event.data as { protocol: string; fingerprint: string };
    if (data.fingerprint !== claim.fingerprint) throw claim.mismatch();
    return data.protocol;
  }
}
