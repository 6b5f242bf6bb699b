import { isValidTaxId, normalizeTaxId } from '../requester/tax-id';
import type { RegistrationData } from './commands';
import type { FieldError } from './errors';
import type { Requester } from './events';

/** A registration may carry an instant this far ahead of ours: the sender's clock may run fast. */
export const CLOCK_SKEW_TOLERANCE_MS = 2 * 60 * 1000;

/** What identifies a requester; an anonymous DENUNCIA carries none of it (the card would name them too). */
const IDENTITY_FIELDS = ['name', 'document', 'email', 'phone', 'beneficiaryCard'] as const;

/**
 * RN 323 registration rules that need more than one field to judge. A missing SAC protocol
 * never blocks registration (art. 1 §2–§3), so it is not checked here.
 */
export function registrationErrors(
  data: Pick<RegistrationData, 'manifestationType' | 'requester' | 'deniedRequestProtocol'>,
  received: { field: string; at: Date },
  now: Date,
): FieldError[] {
  const errors: FieldError[] = [];
  const requester = data.requester;
  if (requester.anonymous) {
    if (data.manifestationType !== 'DENUNCIA') {
      errors.push({
        field: 'requester.anonymous',
        rule: 'anonymousOnlyForDenuncia',
        message: 'only a DENUNCIA may be anonymous',
      });
    }
    for (const field of IDENTITY_FIELDS) {
      if (requester[field] != null) {
        errors.push({
          field: `requester.${field}`,
          rule: 'forbiddenWhenAnonymous',
          message: `an anonymous requester may not give ${field}`,
        });
      }
    }
  } else {
    if (!requester.name?.trim()) {
      errors.push({ field: 'requester.name', rule: 'required', message: 'name is required unless anonymous' });
    }
    if (!requester.email && !requester.phone) {
      errors.push({
        field: 'requester.email',
        rule: 'emailOrPhoneRequired',
        message: 'at least one of requester.email or requester.phone is required',
      });
    }
  }
  if (requester.document != null && !isValidTaxId(requester.document)) {
    errors.push({
      field: 'requester.document',
      rule: 'cpfOrCnpj',
      message: 'document must be a CPF or CNPJ with valid check digits',
    });
  }
  if (data.manifestationType === 'REANALISE' && !data.deniedRequestProtocol) {
    errors.push({
      field: 'deniedRequestProtocol',
      rule: 'requiredForReanalise',
      message: 'a REANALISE must name the protocol of the denied coverage request',
    });
  }
  if (!Number.isFinite(received.at.getTime())) {
    errors.push({ field: received.field, rule: 'validInstant', message: `${received.field} is not a valid instant` });
  } else if (received.at.getTime() > now.getTime() + CLOCK_SKEW_TOLERANCE_MS) {
    errors.push({ field: received.field, rule: 'notInFuture', message: `${received.field} may not be in the future` });
  }
  return errors;
}

/** The requester as stored: documents without punctuation, no undefined keys. */
export function normalizeRequester(requester: Requester): Requester {
  const normalized: Requester = { kind: requester.kind, anonymous: requester.anonymous };
  for (const key of IDENTITY_FIELDS) {
    const value = requester[key];
    if (value != null) normalized[key] = key === 'document' ? normalizeTaxId(value) : value;
  }
  return normalized;
}
