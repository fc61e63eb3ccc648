import { resolve } from 'node:path';

export const DEFAULT_SECRET = 'xiaoyuan-development-secret-change-me';
/** The demo's registry key (README): fine for a laptop, refused in production. */
export const DEFAULT_REGISTRY_KEY = 'xiaoyuan-development-registry-key-change-me';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  logLevel: string;
  secret: string;
  /** Encrypts ID numbers and phones in the registry and keys their lookup hashes (REGISTRY_KEY). */
  registryKey: string;
  production: boolean;
  sessionTtlHours: number;
  /** Reports one person may file in a minute, across all processes; null for no limit. */
  reportsPerMinute: number | null;
  seedDemo: boolean;
  trustProxy: boolean;
  /** The address printed in facility QR codes; unset, the address the request came in on. */
  publicBaseUrl: string | undefined;
}

export class ConfigError extends Error {}

/** Reads the settings documented in the README; every one has a safe default except in production. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const secret = env.SECRET_KEY ?? DEFAULT_SECRET;
  if (production && (secret === DEFAULT_SECRET || secret.length < 32)) {
    throw new ConfigError(
      'SECRET_KEY must be set to a random value of at least 32 characters in production (NODE_ENV=production).',
    );
  }
  const registryKey = env.REGISTRY_KEY ?? DEFAULT_REGISTRY_KEY;
  if (production && (registryKey === DEFAULT_REGISTRY_KEY || registryKey.length < 32)) {
    throw new ConfigError(
      'REGISTRY_KEY must be set to a random value of at least 32 characters in production; losing it loses every ID number.',
    );
  }
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`PORT is not a port number: ${env.PORT}`);
  const ttl = Number(env.SESSION_TTL_HOURS ?? 24 * 7);
  if (!(ttl > 0))
    throw new ConfigError(`SESSION_TTL_HOURS must be a positive number: ${env.SESSION_TTL_HOURS}`);
  const reportsPerMinute = env.REPORTS_PER_MINUTE === 'off' ? null : Number(env.REPORTS_PER_MINUTE ?? 20);
  if (reportsPerMinute !== null && (!Number.isInteger(reportsPerMinute) || reportsPerMinute < 1))
    throw new ConfigError(
      `REPORTS_PER_MINUTE must be a whole number of at least 1, or off: ${env.REPORTS_PER_MINUTE}`,
    );
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir: resolve(env.DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    logLevel: env.LOG_LEVEL ?? 'info',
    secret,
    registryKey,
    production,
    sessionTtlHours: ttl,
    reportsPerMinute,
    seedDemo: env.SEED_DEMO ? env.SEED_DEMO === 'true' : !production,
    trustProxy: env.TRUST_PROXY === 'true',
    publicBaseUrl: env.PUBLIC_BASE_URL || undefined,
  };
}
