/**
 * 居民身份证号码 (GB 11643-1999): six digits of the issuing place, the birth date YYYYMMDD, three
 * digits of sequence (odd for men), and a check character over the first 17 (ISO 7064 MOD 11-2).
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';

/** People type a lower-case x and stray spaces; the number itself never has either. */
export function normaliseIdNumber(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

export function idNumberCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] as number);
  return CHECK_CHARACTERS[sum % 11] as string;
}

/** A real calendar date written YYYY-MM-DD, not in the future and not before 1900. */
export function isValidBirthDate(date: string, today = new Date()): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const parsed = new Date(Date.UTC(y, mo - 1, d));
  if (parsed.getUTCFullYear() !== y || parsed.getUTCMonth() !== mo - 1 || parsed.getUTCDate() !== d)
    return false;
  return y >= 1900 && date <= today.toISOString().slice(0, 10);
}

/** The birth date an ID number carries, as YYYY-MM-DD. */
export function birthDateOfIdNumber(id: string): string {
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

export type IdNumberProblem = 'format' | 'birth_date' | 'checksum';

/** Why an ID number is not a valid one, or null when it is. */
export function idNumberProblem(raw: string): IdNumberProblem | null {
  const id = normaliseIdNumber(raw);
  if (!/^\d{17}[\dX]$/.test(id)) return 'format';
  if (!isValidBirthDate(birthDateOfIdNumber(id))) return 'birth_date';
  if (idNumberCheckCharacter(id.slice(0, 17)) !== id[17]) return 'checksum';
  return null;
}

export function isValidIdNumber(raw: string): boolean {
  return idNumberProblem(raw) === null;
}

/** Mainland mobile numbers: 11 digits starting 13–19. */
export function isValidPhone(phone: string): boolean {
  return /^1[3-9]\d{9}$/.test(phone);
}

/** 5001**********1234: the region and the last four, enough to tell two people apart at a desk. */
export function maskIdNumber(id: string): string {
  if (id.length < 8) return '*'.repeat(id.length);
  return `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}

/** 138****1234, as Chinese apps show a number to someone who may not call it. */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}
