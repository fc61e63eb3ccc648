import { AppError } from '@domain/errors/codes';

/**
 * PostgreSQL cannot store the NUL character in text, and would fail the write with a server error.
 * No person types one, so a body or query holding one anywhere is refused before any work starts.
 */
export function refuseNul(value: unknown): void {
  if (containsNul(value, 0)) {
    throw new AppError('VALIDATION_FAILED', {
      zh: '内容中含有不允许的空字符（\\u0000）',
      en: 'The request holds a NUL character (\\u0000), which text may not contain',
    });
  }
}

function containsNul(value: unknown, depth: number): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  // Deeper than any schema goes: validation refuses such a body anyway.
  if (value === null || typeof value !== 'object' || depth > 64) return false;
  if (Array.isArray(value)) return value.some((v) => containsNul(v, depth + 1));
  return Object.entries(value).some(([k, v]) => k.includes('\u0000') || containsNul(v, depth + 1));
}
