/**
 * CPF (11 digits) and CNPJ (14 characters; alphanumeric CNPJ since July 2026, IN RFB 2.229/2024)
 * check-digit validation. Punctuation (`.`, `-`, `/`) is accepted and ignored.
 */
export function normalizeTaxId(value: string): string {
  return value.replace(/[.\-/\s]/g, '').toUpperCase();
}

export function isValidTaxId(value: string): boolean {
  const id = normalizeTaxId(value);
  if (/^\d{11}$/.test(id)) return isValidCpf(id);
  if (/^[0-9A-Z]{12}\d{2}$/.test(id)) return isValidCnpj(id);
  return false;
}

function isValidCpf(cpf: string): boolean {
  if (/^(\d)\1{10}$/.test(cpf)) return false;
  const digits = [...cpf].map(Number);
  const check = (length: number) => {
    const sum = digits.slice(0, length).reduce((acc, d, i) => acc + d * (length + 1 - i), 0);
    const rest = (sum * 10) % 11;
    return rest === 10 ? 0 : rest;
  };
  return check(9) === digits[9] && check(10) === digits[10];
}

function isValidCnpj(cnpj: string): boolean {
  if (/^(\d)\1{13}$/.test(cnpj)) return false;
  // Alphanumeric CNPJ: each character is worth its ASCII code minus 48, digits included.
  const values = [...cnpj].map((c) => c.charCodeAt(0) - 48);
  const check = (length: number) => {
    const weights = length === 12 ? [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2] : [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
    const sum = values.slice(0, length).reduce((acc, v, i) => acc + v * weights[i], 0);
    const rest = sum % 11;
    return rest < 2 ? 0 : 11 - rest;
  };
  return check(12) === values[12] && check(13) === values[13];
}
