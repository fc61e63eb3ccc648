import { describe, expect, it } from 'vitest';
import { registrySecrets } from './secrets';

describe('registry secrets', () => {
  const secrets = registrySecrets('a test registry key of some length');

  it('round-trips a value and never seals it the same way twice', () => {
    const a = secrets.encrypt('500101199001011234');
    expect(a).not.toContain('500101199001011234');
    expect(a).not.toBe(secrets.encrypt('500101199001011234'));
    expect(secrets.decrypt(a)).toBe('500101199001011234');
  });

  it('refuses a tampered value and a value sealed with another key', () => {
    const sealed = secrets.encrypt('13812341234');
    const raw = Buffer.from(sealed.slice(3), 'base64');
    raw[raw.length - 1] = (raw[raw.length - 1] as number) ^ 1;
    expect(() => secrets.decrypt(`v1:${raw.toString('base64')}`)).toThrow();
    expect(() => registrySecrets('another key entirely, also long').decrypt(sealed)).toThrow();
  });

  it('gives equal HMACs for equal values, and different ones under another key', () => {
    expect(secrets.hmac('13812341234')).toBe(secrets.hmac('13812341234'));
    expect(registrySecrets('another key entirely, also long').hmac('13812341234')).not.toBe(
      secrets.hmac('13812341234'),
    );
  });
});
