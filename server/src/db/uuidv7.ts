import { sql } from 'drizzle-orm';

/**
 * A UUIDv7 made by the database, for rows a single statement writes in numbers it only learns as it
 * runs (one inbox row per operator). PostgreSQL 18 has uuidv7(); this is the same layout on 15 and
 * on PGlite: 48 bits of Unix milliseconds over a random v4, with the version bits set to 7.
 */
export const SQL_UUIDV7 = sql.raw(
  "encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) placing substring(int8send(floor(extract(epoch from clock_timestamp()) * 1000)::bigint) from 3) from 1 for 6), 52, 1), 53, 1), 'hex')::uuid",
);
