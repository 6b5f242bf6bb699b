import { isProtocol, type Manifestation } from '@app/domain';
import { Inject, Injectable } from '@nestjs/common';
import type { Outcome } from '../../application/command-path';
import { ACCESS_CODES, CLOCK, type AccessCodes, type Clock } from '../../application/ports';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { problem, ProblemException } from '../../problems/problem';
import { ManifestationStreams } from '../manifestation-streams';
import { AccessAttempts } from './access-attempts';

export const ACCESS_CODE_HEADER = 'X-Access-Code';

/** One answer for an unknown protocol and a wrong code: a requester's route never tells whether a case exists. */
const NOT_FOUND = () =>
  new ProblemException(problem(404, 'MANIFESTATION_NOT_FOUND', 'no manifestation with this protocol and access code'));

/**
 * The door to a case for its requester: the protocol and the access code, instead of a token.
 * Every attempt costs one scrypt, whether the protocol exists or not, so that both answers take
 * as long; the code is compared in constant time; addresses are rate-limited and protocols locked
 * after wrong codes (429 with Retry-After).
 */
@Injectable()
export class RequesterGate {
  private readonly attempts: AccessAttempts;

  constructor(
    private readonly manifestations: ManifestationStreams,
    @Inject(ACCESS_CODES) private readonly codes: AccessCodes,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(CLOCK) clock: Clock,
  ) {
    this.attempts = new AccessAttempts(config.publicAccess, () => clock.now().getTime());
  }

  /** The case, when `code` opens it; otherwise 404 (or 429 while over a limit). */
  async open(protocol: string, code: string | undefined, address: string): Promise<Outcome<Manifestation>> {
    const refused = this.attempts.admit(address, protocol);
    if (refused) {
      const detail =
        refused.reason === 'address_rate'
          ? 'too many requests from this address; retry after the time in Retry-After'
          : 'too many wrong access codes for this protocol; retry after the time in Retry-After';
      throw new ProblemException(problem(429, 'TOO_MANY_ATTEMPTS', detail), { 'retry-after': String(refused.retryAfterSeconds) });
    }
    let settled = false;
    try {
      if (code === undefined || code === '') {
        const message = `${ACCESS_CODE_HEADER} must carry the access code given at registration`;
        throw new ProblemException(
          problem(400, 'ACCESS_CODE_REQUIRED', message, [{ field: ACCESS_CODE_HEADER, rule: 'required', message }]),
        );
      }
      const found = isProtocol(protocol) ? await this.manifestations.load(protocol) : null;
      if (!(await this.codes.matches(code, found?.state.accessCode?.hash)) || !found) {
        settled = true;
        this.attempts.failed(protocol);
        throw NOT_FOUND();
      }
      settled = true;
      this.attempts.succeeded(protocol);
      return found;
    } finally {
      if (!settled) this.attempts.abandoned(protocol);
    }
  }
}
