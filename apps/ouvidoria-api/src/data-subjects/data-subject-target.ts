import { invalid, isProtocol, isValidTaxId, normalizeTaxId, notFound } from '@app/domain';
import type { SubjectKeys } from '../personal-data/subject-keys';
import type { Erasure } from './erasure';

/** A document that is not a valid CPF/CNPJ names nobody: 400 naming the field and the rule. */
export function documentSubject(document: string, keys: SubjectKeys): string {
  if (!isValidTaxId(document)) {
    const message = 'document must be a CPF or CNPJ with valid check digits';
    throw invalid('VALIDATION_FAILED', message, [{ field: 'document', rule: 'taxId', message }]);
  }
  return keys.pseudonymOf(`document:${normalizeTaxId(document)}`);
}

/** The pseudonym of the subject a request names, by document or by one of its cases (exactly one). */
export async function subjectOf(target: { document?: string; protocol?: string }, keys: SubjectKeys, erasure: Erasure): Promise<string> {
  const given = (['document', 'protocol'] as const).filter((field) => target[field] !== undefined);
  if (given.length !== 1) {
    const message = 'give exactly one of document and protocol';
    throw invalid('VALIDATION_FAILED', message, [{ field: given.length ? 'protocol' : 'document', rule: 'exactlyOne', message }]);
  }
  if (target.document !== undefined) return documentSubject(target.document, keys);
  const protocol = target.protocol!;
  if (!isProtocol(protocol)) {
    const message = 'protocol must be 20 digits';
    throw invalid('VALIDATION_FAILED', message, [{ field: 'protocol', rule: 'protocol', message }]);
  }
  const subject = await erasure.subjectOfCase(protocol);
  if (!subject) throw notFound('MANIFESTATION_NOT_FOUND', `no manifestation ${protocol}`);
  return subject;
}
