import { describe, expect, it } from 'vitest';
import { refuseNul } from './refuseNul';

describe('refuseNul', () => {
  it('refuses a NUL anywhere in a body, in a value or a key, and lets everything else through', () => {
    expect(() => refuseNul({ description: '村道塌陷\u0000' })).toThrow(/NUL/);
    expect(() => refuseNul({ photos: [{ note: ['ok', 'a\u0000b'] }] })).toThrow(/NUL/);
    expect(() => refuseNul({ 'key\u0000': 1 })).toThrow(/NUL/);
    expect(() => refuseNul({ text: '\u202Eevil 𠜎 <script>', n: 1, b: null })).not.toThrow();
    expect(() => refuseNul(undefined)).not.toThrow();
  });
});
