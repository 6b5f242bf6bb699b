/**
 * Protocol numbers: 6-digit ANS operator registration + local date of issue (YYYYMMDD)
 * + 6-digit sequence of that day = 20 digits.
 */
export const PROTOCOL_PATTERN = /^\d{20}$/;
export const OPERATOR_REGISTRATION_PATTERN = /^\d{6}$/;
export const MAX_DAILY_SEQUENCE = 999_999;

export function formatProtocol(operatorRegistration: string, localDate: string, sequence: number): string {
  if (!OPERATOR_REGISTRATION_PATTERN.test(operatorRegistration)) {
    throw new Error(`operator registration must be 6 digits, got "${operatorRegistration}"`);
  }
  if (!/^\d{8}$/.test(localDate)) throw new Error(`local date must be YYYYMMDD, got "${localDate}"`);
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > MAX_DAILY_SEQUENCE) {
    throw new Error(`daily protocol sequence exhausted or invalid: ${sequence}`);
  }
  return `${operatorRegistration}${localDate}${String(sequence).padStart(6, '0')}`;
}

export const isProtocol = (value: string): boolean => PROTOCOL_PATTERN.test(value);
