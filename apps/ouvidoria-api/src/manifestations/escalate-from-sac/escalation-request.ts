import { validateInput, fingerprintOf } from '../../input/validate';
import { EscalateFromSacBody } from './escalate-from-sac.body';

/** An escalation as both adapters take it: the validated body, and the digest that makes a replay recognisable. */
export interface EscalationRequest {
  escalation: EscalateFromSacBody;
  /** The same escalationId with a body of another digest is refused. */
  fingerprint: string;
}

/** Judges a parsed HTTP body or Kafka message value by the same rules; throws `InvalidInput`. */
export async function escalationRequest(value: unknown): Promise<EscalationRequest> {
  return { escalation: await validateInput(EscalateFromSacBody, value, 'body'), fingerprint: fingerprintOf(value) };
}
