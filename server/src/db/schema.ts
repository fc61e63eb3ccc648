import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/**
 * The org tree. `path` is the materialised path `/<id>/…/<id>/` so "everything under this unit"
 * is one prefix scan; `town_id` is the tenant key carried by every row that belongs to one town.
 */
export const orgUnits = pgTable(
  'org_units',
  {
    id: uuid('id').primaryKey(),
    parentId: uuid('parent_id').references((): AnyPgColumn => orgUnits.id),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    code: text('code').notNull(),
    path: text('path').notNull(),
    depth: integer('depth').notNull(),
    townId: uuid('town_id'),
    centerLat: doublePrecision('center_lat'),
    centerLng: doublePrecision('center_lng'),
    boundary: jsonb('boundary'),
    minLng: doublePrecision('min_lng'),
    minLat: doublePrecision('min_lat'),
    maxLng: doublePrecision('max_lng'),
    maxLat: doublePrecision('max_lat'),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('org_units_code_live').on(t.code).where(sql`${t.retiredAt} is null`),
    index('org_units_path').on(sql`${t.path} text_pattern_ops`),
    index('org_units_parent').on(t.parentId, t.name),
    index('org_units_bbox').on(t.minLng, t.maxLng, t.minLat, t.maxLat),
  ],
);

export const sectors = pgTable(
  'sectors',
  {
    id: uuid('id').primaryKey(),
    townId: uuid('town_id')
      .notNull()
      .references(() => orgUnits.id),
    kind: text('kind').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('sectors_town_kind').on(t.townId, t.kind)],
);

export const posts = pgTable(
  'posts',
  {
    id: uuid('id').primaryKey(),
    townId: uuid('town_id').notNull(),
    sectorId: uuid('sector_id')
      .notNull()
      .references(() => sectors.id),
    name: text('name').notNull(),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('posts_town').on(t.townId),
    uniqueIndex('posts_town_name_live').on(t.townId, t.name).where(sql`${t.retiredAt} is null`),
  ],
);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey(),
    phone: text('phone').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
    locale: text('locale').notNull().default('zh-CN'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_phone').on(t.phone)],
);

export const roleGrants = pgTable(
  'role_grants',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role').notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    postId: uuid('post_id').references(() => posts.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('role_grants_unique').on(
      t.userId,
      t.role,
      t.unitId,
      sql`coalesce(${t.postId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
    ),
    index('role_grants_unit').on(t.unitId),
  ],
);

/** Sessions live in the database so that any number of server processes can serve them. */
export const sessions = pgTable(
  'sessions',
  {
    /** sha256 of the cookie token: a leaked table row cannot be replayed as a cookie. */
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user').on(t.userId), index('sessions_expires').on(t.expiresAt)],
);

export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: uuid('id').primaryKey(),
    phone: text('phone').notNull(),
    ip: text('ip').notNull(),
    succeeded: boolean('succeeded').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('login_attempts_phone').on(t.phone, t.at), index('login_attempts_ip').on(t.ip, t.at)],
);

/**
 * Append-only history of every change to org units, posts, accounts and grants: who did what to
 * which subject, written in the same transaction as the change.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid('id').primaryKey(),
    townId: uuid('town_id'),
    actorId: uuid('actor_id'),
    subjectType: text('subject_type').notNull(),
    subjectId: uuid('subject_id').notNull(),
    action: text('action').notNull(),
    detail: jsonb('detail').notNull().default({}),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('audit_log_subject').on(t.subjectId, t.at), index('audit_log_town').on(t.townId, t.at)],
);

/**
 * One row per run of a periodic job and time slot. The scheduler inserts the row under an advisory
 * lock and runs the job only if the insert took, so with any number of processes a slot runs once.
 */
export const jobRuns = pgTable(
  'job_runs',
  {
    job: text('job').notNull(),
    slot: bigint('slot', { mode: 'number' }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    error: text('error'),
  },
  (t) => [primaryKey({ columns: [t.job, t.slot] })],
);
