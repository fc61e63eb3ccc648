import { describe, expect, it } from 'vitest';
import { isAcceptablePassword, passwordProblems } from './password';

describe('password policy', () => {
  it('accepts 8+ characters with letters and digits', () => {
    expect(isAcceptablePassword('Xiaoyuan@2026')).toBe(true);
    expect(isAcceptablePassword('abc12345')).toBe(true);
  });
  it('names what is wrong with a weak password', () => {
    expect(passwordProblems('a1')).toContain('too_short');
    expect(passwordProblems('12345678')).toContain('needs_letter_and_digit');
    expect(passwordProblems('abcdefgh')).toContain('needs_letter_and_digit');
    expect(passwordProblems('x13800000001', '13800000001')).toContain('contains_phone');
    expect(passwordProblems(`a1${'x'.repeat(200)}`)).toContain('too_long');
  });
});
