import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Encryption of ID numbers and phones at rest (PIPL), and the keyed HMACs that let the database
 * find a duplicate or a phone without ever holding the value in clear. Both keys are derived from
 * REGISTRY_KEY, one per purpose, so an HMAC never doubles as a cipher key.
 */
export interface RegistrySecrets {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
  /** The same value always gives the same HMAC, so equality is a lookup. */
  hmac(plain: string): string;
}

const VERSION = 'v1';

export function registrySecrets(registryKey: string): RegistrySecrets {
  const derive = (info: string) =>
    Buffer.from(hkdfSync('sha256', registryKey, 'xiaoyuan-registry', info, 32));
  const encKey = derive('aes-256-gcm');
  const macKey = derive('hmac-sha256');
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    decrypt(sealed) {
      const [version, payload] = sealed.split(':');
      if (version !== VERSION || !payload) throw new Error('unknown registry cipher version');
      const raw = Buffer.from(payload, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
    hmac(plain) {
      return createHmac('sha256', macKey).update(plain).digest('base64url');
    },
  };
}
