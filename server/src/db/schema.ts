import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
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

/** A town's catalogue of matters (三级事项清单), seeded from the default catalogue when the town is made. */
export const matters = pgTable(
  'matters',
  {
    id: uuid('id').primaryKey(),
    townId: uuid('town_id')
      .notNull()
      .references(() => orgUnits.id),
    parentId: uuid('parent_id').references((): AnyPgColumn => matters.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    level: text('level').notNull(),
    sector: text('sector').notNull(),
    postId: uuid('post_id').references(() => posts.id),
    isDispute: boolean('is_dispute').notNull().default(false),
    directToFacilityWorker: boolean('direct_to_facility_worker').notNull().default(false),
    workingDays: boolean('working_days').notNull().default(false),
    limits: jsonb('limits').notNull(),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('matters_town_code_live').on(t.townId, t.code).where(sql`${t.retiredAt} is null`)],
);

/**
 * One reported problem from report to close. The id is minted by the phone (UUIDv7), so a report
 * retried after a lost connection is the same case. Stage clock columns are kept on the row so the
 * overdue scan is one indexed query.
 */
export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey(),
    townId: uuid('town_id')
      .notNull()
      .references(() => orgUnits.id),
    matterId: uuid('matter_id')
      .notNull()
      .references(() => matters.id),
    status: text('status').notNull(),
    urgency: text('urgency').notNull(),
    description: text('description').notNull(),
    source: text('source').notNull().default('app'),
    reporterId: uuid('reporter_id')
      .notNull()
      .references(() => users.id),
    anonymous: boolean('anonymous').notNull().default(false),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    address: text('address'),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    unitPath: text('unit_path').notNull(),
    villageId: uuid('village_id'),
    gridId: uuid('grid_id'),
    courtyardId: uuid('courtyard_id'),
    leadPostId: uuid('lead_post_id').references(() => posts.id),
    leadUserId: uuid('lead_user_id').references(() => users.id),
    whistled: boolean('whistled').notNull().default(false),
    stage: text('stage'),
    stageStartedAt: timestamp('stage_started_at', { withTimezone: true }),
    stageDueAt: timestamp('stage_due_at', { withTimezone: true }),
    /** 0 on time; 1 once overdue; 2 overdue twice (escalated to the center's supervisor). */
    overdueLevel: integer('overdue_level').notNull().default(0),
    everOverdue: boolean('ever_overdue').notNull().default(false),
    /** The stage whose "due soon" reminder has gone out, so it goes out once. */
    remindedStage: text('reminded_stage'),
    pausedSince: timestamp('paused_since', { withTimezone: true }),
    pausedMs: bigint('paused_ms', { mode: 'number' }).notNull().default(0),
    dueAt: timestamp('due_at', { withTimezone: true }),
    reworkCount: integer('rework_count').notNull().default(0),
    reopenCount: integer('reopen_count').notNull().default(0),
    everResolved: boolean('ever_resolved').notNull().default(false),
    resolvedLevel: text('resolved_level'),
    rating: text('rating'),
    ratingComment: text('rating_comment'),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull().defaultNow(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    dispatchedAt: timestamp('dispatched_at', { withTimezone: true }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    rejectedAt: timestamp('rejected_at', { withTimezone: true }),
    ratedAt: timestamp('rated_at', { withTimezone: true }),
    /** Bumped by every change; a client acting on a stale copy is told so (409). */
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('cases_town_reported').on(t.townId, t.reportedAt, t.id),
    index('cases_town_status').on(t.townId, t.status, t.reportedAt),
    // Partial where a new case has nothing to index yet, so a report writes three index entries fewer;
    // every query on them (closed_at >= …, accepted_at >= …, lead_post_id = …) implies the condition.
    index('cases_town_closed').on(t.townId, t.closedAt).where(sql`${t.closedAt} is not null`),
    index('cases_town_accepted').on(t.townId, t.acceptedAt).where(sql`${t.acceptedAt} is not null`),
    index('cases_unit_path').on(sql`${t.unitPath} text_pattern_ops`),
    index('cases_reporter').on(t.reporterId, t.reportedAt),
    index('cases_lead_post').on(t.leadPostId, t.status).where(sql`${t.leadPostId} is not null`),
    index('cases_stage_due').on(t.stageDueAt).where(sql`${t.stageDueAt} is not null`),
  ],
);

/** The case's timeline: append-only, one row per step, written with the change it records. */
export const caseEvents = pgTable(
  'case_events',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    townId: uuid('town_id').notNull(),
    seq: integer('seq').notNull(),
    actorId: uuid('actor_id').references(() => users.id),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    note: text('note'),
    detail: jsonb('detail').notNull().default({}),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('case_events_case_seq').on(t.caseId, t.seq),
    index('case_events_town_at').on(t.townId, t.at),
  ],
);

/** Posts a case is dispatched to: one lead, any assisting; after a whistle each must check in. */
export const caseAssignments = pgTable(
  'case_assignments',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    postId: uuid('post_id')
      .notNull()
      .references(() => posts.id),
    role: text('role').notNull(),
    checkInDueAt: timestamp('check_in_due_at', { withTimezone: true }),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
    checkInMissed: boolean('check_in_missed').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.postId] }), index('case_assignments_post').on(t.postId)],
);

/**
 * Photos are uploaded first, each on its own (weak signal: a failed upload retries alone), then
 * attached to a report or an action by id. Unattached uploads are swept after a day.
 */
export const photos = pgTable(
  'photos',
  {
    id: uuid('id').primaryKey(),
    uploadedBy: uuid('uploaded_by')
      .notNull()
      .references(() => users.id),
    caseId: uuid('case_id').references(() => cases.id),
    eventId: uuid('event_id').references(() => caseEvents.id),
    townId: uuid('town_id'),
    storageKey: text('storage_key').notNull(),
    thumbKey: text('thumb_key').notNull(),
    contentType: text('content_type').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    bytes: integer('bytes').notNull(),
    sha256: text('sha256').notNull(),
    gpsLat: doublePrecision('gps_lat'),
    gpsLng: doublePrecision('gps_lng'),
    takenAt: timestamp('taken_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('photos_case').on(t.caseId), index('photos_uploader').on(t.uploadedBy, t.createdAt)],
);

/** The in-app inbox: one row per person a step of a case touches. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    townId: uuid('town_id'),
    caseId: uuid('case_id').references(() => cases.id),
    kind: text('kind').notNull(),
    title: jsonb('title').notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('notifications_user').on(t.userId, t.readAt, t.createdAt)],
);

// ─── registry (信息采集) ────────────────────────────────────────────────────────────────────────

/** A family (户) at a doorplate of a courtyard; the courtyard and address name it in a roster. */
export const households = pgTable(
  'households',
  {
    id: uuid('id').primaryKey(),
    townId: uuid('town_id').notNull(),
    courtyardId: uuid('courtyard_id')
      .notNull()
      .references(() => orgUnits.id),
    /** The courtyard's path, so "households under this unit" is one prefix scan. */
    unitPath: text('unit_path').notNull(),
    address: text('address').notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('households_courtyard_address').on(t.courtyardId, t.address),
    index('households_unit_path').on(sql`${t.unitPath} text_pattern_ops`),
  ],
);

/**
 * A person of the census. The ID number and phone are kept encrypted (AES-256-GCM) with a keyed
 * HMAC beside each for lookups and duplicate checks, and a masked copy for every screen.
 */
export const residents = pgTable(
  'residents',
  {
    id: uuid('id').primaryKey(),
    townId: uuid('town_id').notNull(),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    name: text('name').notNull(),
    relation: text('relation').notNull(),
    gender: text('gender').notNull(),
    birthDate: text('birth_date').notNull(),
    idNumberEnc: text('id_number_enc'),
    idNumberHmac: text('id_number_hmac'),
    idNumberMasked: text('id_number_masked'),
    phoneEnc: text('phone_enc'),
    phoneHmac: text('phone_hmac'),
    phoneMasked: text('phone_masked'),
    tags: jsonb('tags').notNull().default([]),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('residents_household').on(t.householdId),
    uniqueIndex('residents_id_number').on(t.idNumberHmac),
    index('residents_phone').on(t.phoneHmac),
  ],
);

/** 党员联系户: a party member's standing duty to a household. */
export const householdLinks = pgTable(
  'household_links',
  {
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    townId: uuid('town_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.householdId, t.userId] }), index('household_links_user').on(t.userId)],
);

/** Every full read of an ID number or phone: who, whose, which field, when and why (PIPL). */
export const registryReveals = pgTable(
  'registry_reveals',
  {
    id: uuid('id').primaryKey(),
    townId: uuid('town_id').notNull(),
    unitPath: text('unit_path').notNull(),
    actorId: uuid('actor_id')
      .notNull()
      .references(() => users.id),
    residentId: uuid('resident_id')
      .notNull()
      .references(() => residents.id),
    field: text('field').notNull(),
    reason: text('reason').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('registry_reveals_path').on(sql`${t.unitPath} text_pattern_ops`, t.at),
    index('registry_reveals_town').on(t.townId, t.at),
  ],
);

/**
 * A roster import: the console polls its progress; `rejected` lists every refused row with its
 * reasons once validation is done.
 */
export const registryImports = pgTable(
  'registry_imports',
  {
    id: uuid('id').primaryKey(),
    /** Null when the import was made at district level: its rows then span towns. */
    townId: uuid('town_id'),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    unitPath: text('unit_path').notNull(),
    actorId: uuid('actor_id')
      .notNull()
      .references(() => users.id),
    filename: text('filename').notNull(),
    status: text('status').notNull(),
    total: integer('total').notNull().default(0),
    processed: integer('processed').notNull().default(0),
    imported: integer('imported').notNull().default(0),
    unchanged: integer('unchanged').notNull().default(0),
    rejected: jsonb('rejected').notNull().default([]),
    error: text('error'),
    createdAt: createdAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('registry_imports_unit').on(t.unitId, t.createdAt)],
);

/** The code a courtyard's residents type to be bound to their household; rotated at will. */
export const courtyardInvites = pgTable(
  'courtyard_invites',
  {
    courtyardId: uuid('courtyard_id')
      .primaryKey()
      .references(() => orgUnits.id),
    townId: uuid('town_id').notNull(),
    code: text('code').notNull(),
    rotatedBy: uuid('rotated_by').references(() => users.id),
    rotatedAt: timestamp('rotated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('courtyard_invites_code').on(t.code)],
);

/**
 * A signed-in person's tie to their household. Until one exists they may report but not vote or
 * earn points. A request waits here (household_id null, status pending) for a grid worker.
 */
export const householdBindings = pgTable(
  'household_bindings',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    townId: uuid('town_id').notNull(),
    courtyardId: uuid('courtyard_id')
      .notNull()
      .references(() => orgUnits.id),
    unitPath: text('unit_path').notNull(),
    householdId: uuid('household_id').references(() => households.id),
    status: text('status').notNull(),
    via: text('via').notNull(),
    note: text('note'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('household_bindings_user_live').on(t.userId).where(sql`${t.status} in ('pending', 'bound')`),
    index('household_bindings_path').on(sql`${t.unitPath} text_pattern_ops`, t.status),
  ],
);

/** A resident's request to correct their household's record, resolved by staff. */
export const registryCorrections = pgTable(
  'registry_corrections',
  {
    id: uuid('id').primaryKey(),
    townId: uuid('town_id').notNull(),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    unitPath: text('unit_path').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    message: text('message').notNull(),
    status: text('status').notNull().default('open'),
    resolution: text('resolution'),
    resolvedBy: uuid('resolved_by').references(() => users.id),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('registry_corrections_path').on(sql`${t.unitPath} text_pattern_ops`, t.status)],
);

// ── facilities (设施 / 爱环境) ──────────────────────────────────────────────────────────────────────

/**
 * Facilities that carry a QR label: bins, streetlights, manhole covers… Each has one person who answers
 * for it; reports of a matter marked "straight to the facility worker" go to that person directly.
 */
export const facilities = pgTable(
  'facilities',
  {
    id: uuid('id').primaryKey(),
    townId: uuid('town_id')
      .notNull()
      .references(() => orgUnits.id),
    code: text('code').notNull(),
    kind: text('kind').notNull(),
    place: text('place').notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    unitPath: text('unit_path').notNull(),
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
    workerId: uuid('worker_id').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The code is printed on the label and read back from the URL, so it is unique everywhere.
    uniqueIndex('facilities_code').on(t.code),
    index('facilities_unit_path').on(sql`${t.unitPath} text_pattern_ops`),
  ],
);

/**
 * Every report made from a facility's QR code, the id minted by the phone: the first one of a case
 * opened it (`joined` false), later ones joined it. Counting the first ones per facility is how often
 * it fills; the open case of a facility is found through here.
 */
export const facilityReports = pgTable(
  'facility_reports',
  {
    id: uuid('id').primaryKey(),
    facilityId: uuid('facility_id')
      .notNull()
      .references(() => facilities.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    townId: uuid('town_id').notNull(),
    reporterId: uuid('reporter_id')
      .notNull()
      .references(() => users.id),
    problem: text('problem').notNull(),
    joined: boolean('joined').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('facility_reports_facility').on(t.facilityId, t.at),
    index('facility_reports_case').on(t.caseId),
    index('facility_reports_reporter').on(t.reporterId, t.at),
  ],
);

// ---------------------------------------------------------------------------------------------
// asks: 找院长, a resident's dispute or request to their courtyard head, and its mediations.
// ---------------------------------------------------------------------------------------------

/** One ask; its state is updated in the transaction that appends the ask_events row explaining it. */
export const asks = pgTable(
  'asks',
  {
    id: uuid('id').primaryKey(),
    townId: uuid('town_id')
      .notNull()
      .references(() => orgUnits.id),
    courtyardId: uuid('courtyard_id')
      .notNull()
      .references(() => orgUnits.id),
    courtyardPath: text('courtyard_path').notNull(),
    residentId: uuid('resident_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind').notNull(),
    text: text('text').notNull(),
    status: text('status').notNull(),
    caseId: uuid('case_id').references(() => cases.id),
    /** Something the head has not opened yet: a new ask, or the resident's word on it. */
    headUnread: boolean('head_unread').notNull().default(true),
    /** Something the resident has not opened yet: an answer, a mediation, a hand-over. */
    residentUnread: boolean('resident_unread').notNull().default(false),
    /** When the resident confirmed it settled: the moment a mediated dispute counts as settled locally. */
    settledAt: timestamp('settled_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    askedAt: timestamp('asked_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('asks_courtyard').on(t.courtyardId, t.askedAt),
    index('asks_resident').on(t.residentId, t.askedAt),
    index('asks_town_settled').on(t.townId, t.settledAt),
  ],
);

/** The ask's history, append-only: who did what, from which status to which. */
export const askEvents = pgTable(
  'ask_events',
  {
    id: uuid('id').primaryKey(),
    askId: uuid('ask_id')
      .notNull()
      .references(() => asks.id),
    townId: uuid('town_id').notNull(),
    seq: integer('seq').notNull(),
    actorId: uuid('actor_id').references(() => users.id),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    note: text('note'),
    detail: jsonb('detail').notNull().default({}),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('ask_events_ask_seq').on(t.askId, t.seq)],
);

/** Photos of an ask, from the shared photo uploads; a photo belongs to one ask at most. */
export const askPhotos = pgTable(
  'ask_photos',
  {
    photoId: uuid('photo_id')
      .primaryKey()
      .references(() => photos.id),
    askId: uuid('ask_id')
      .notNull()
      .references(() => asks.id),
    position: integer('position').notNull(),
  },
  (t) => [index('ask_photos_ask').on(t.askId)],
);

/** A recorded voice note, uploaded before the ask that uses it and claimed by it. */
export const askVoiceNotes = pgTable(
  'ask_voice_notes',
  {
    id: uuid('id').primaryKey(),
    uploadedBy: uuid('uploaded_by')
      .notNull()
      .references(() => users.id),
    askId: uuid('ask_id').references(() => asks.id),
    storageKey: text('storage_key').notNull(),
    contentType: text('content_type').notNull(),
    bytes: integer('bytes').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('ask_voice_notes_ask').on(t.askId)],
);

/** A mediation the head held (调解): who the parties were, what they agreed, when to look again. */
export const mediations = pgTable(
  'mediations',
  {
    id: uuid('id').primaryKey(),
    askId: uuid('ask_id')
      .notNull()
      .references(() => asks.id),
    townId: uuid('town_id').notNull(),
    courtyardPath: text('courtyard_path').notNull(),
    mediatorId: uuid('mediator_id')
      .notNull()
      .references(() => users.id),
    parties: text('parties').notNull(),
    agreement: text('agreement').notNull(),
    followUpOn: text('follow_up_on'),
    /** When the head was reminded of the follow-up visit (回访), so the reminder goes out once. */
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('mediations_ask').on(t.askId),
    index('mediations_follow_up_due')
      .on(t.followUpOn)
      .where(sql`${t.remindedAt} is null and ${t.followUpOn} is not null`),
  ],
);

// ─── notices (宣讲 / 经验宣传 / 院规院约) ───────────────────────────────────────────────────────────

/**
 * A notice addressed to a courtyard, village or town. Withdrawing only stamps it, so what was said
 * and who read it stays on record.
 */
export const notices = pgTable(
  'notices',
  {
    id: uuid('id').primaryKey(),
    townId: uuid('town_id').notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    /** The target unit's path: the notice reaches every unit whose path starts with it. */
    unitPath: text('unit_path').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    category: text('category').notNull(),
    pinned: boolean('pinned').notNull().default(false),
    status: text('status').notNull().default('published'),
    publishedBy: uuid('published_by')
      .notNull()
      .references(() => users.id),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
    withdrawnBy: uuid('withdrawn_by').references(() => users.id),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  },
  (t) => [
    index('notices_unit_path').on(sql`${t.unitPath} text_pattern_ops`, t.publishedAt),
    index('notices_path_exact').on(t.unitPath, t.status, t.publishedAt),
  ],
);

/** One row per person who opened a notice: the first opening, never again. */
export const noticeReads = pgTable(
  'notice_reads',
  {
    noticeId: uuid('notice_id')
      .notNull()
      .references(() => notices.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    townId: uuid('town_id').notNull(),
    readAt: timestamp('read_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.noticeId, t.userId] }), index('notice_reads_user').on(t.userId)],
);

/** 院规院约: each publication is a new version of a courtyard's charter; the highest is current. */
export const charters = pgTable(
  'charters',
  {
    id: uuid('id').primaryKey(),
    townId: uuid('town_id').notNull(),
    courtyardId: uuid('courtyard_id')
      .notNull()
      .references(() => orgUnits.id),
    unitPath: text('unit_path').notNull(),
    version: integer('version').notNull(),
    body: text('body').notNull(),
    publishedBy: uuid('published_by')
      .notNull()
      .references(() => users.id),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('charters_courtyard_version').on(t.courtyardId, t.version)],
);

/** A household's acknowledgment of one charter version, by one of its bound adult members. */
export const charterAcknowledgments = pgTable(
  'charter_acknowledgments',
  {
    id: uuid('id').primaryKey(),
    townId: uuid('town_id').notNull(),
    charterId: uuid('charter_id')
      .notNull()
      .references(() => charters.id),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('charter_acknowledgments_once').on(t.charterId, t.householdId)],
);

/** Photos shown with a notice, in the order the publisher chose; a photo belongs to one notice only. */
export const noticePhotos = pgTable(
  'notice_photos',
  {
    photoId: uuid('photo_id')
      .primaryKey()
      .references(() => photos.id),
    noticeId: uuid('notice_id')
      .notNull()
      .references(() => notices.id),
    position: integer('position').notNull(),
  },
  (t) => [index('notice_photos_notice').on(t.noticeId, t.position)],
);

// ─── points (积分制) and store (积分超市) ──────────────────────────────────────────────────────────

/**
 * One version of a village's or town's point rule. A change closes the version in force (valid_to) and
 * opens a new one, so an old award still names the rule and the points it was given under.
 */
export const pointRules = pgTable(
  'point_rules',
  {
    id: uuid('id').primaryKey(),
    townId: uuid('town_id').notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    unitPath: text('unit_path').notNull(),
    actionCode: text('action_code').notNull(),
    name: text('name').notNull(),
    points: integer('points').notNull(),
    awarders: jsonb('awarders').$type<string[]>().notNull().default([]),
    evidence: text('evidence').notNull().default('none'),
    capPerDay: integer('cap_per_day'),
    capPerMonth: integer('cap_per_month'),
    automatic: boolean('automatic').notNull().default(false),
    validFrom: timestamp('valid_from', { withTimezone: true }).notNull(),
    validTo: timestamp('valid_to', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('point_rules_unit_action').on(t.unitId, t.actionCode, t.validFrom)],
);

/**
 * The ledger, append-only: never updated, never deleted. A mistake is undone by a reversal entry.
 * A source (a case, a manual award's id, a redemption) awards at most once per rule, however often its
 * trigger is retried; a reversal reverses one entry at most once.
 */
export const pointEntries = pgTable(
  'point_entries',
  {
    id: uuid('id').primaryKey(),
    townId: uuid('town_id').notNull(),
    villageId: uuid('village_id').notNull(),
    courtyardId: uuid('courtyard_id').notNull(),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    points: integer('points').notNull(),
    ruleId: uuid('rule_id').references(() => pointRules.id),
    actionCode: text('action_code'),
    sourceType: text('source_type').notNull(),
    sourceId: uuid('source_id').notNull(),
    actorId: uuid('actor_id').references(() => users.id),
    reversesEntryId: uuid('reverses_entry_id').references((): AnyPgColumn => pointEntries.id),
    reason: text('reason'),
    photoId: uuid('photo_id').references(() => photos.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('point_entries_rule_source')
      .on(t.ruleId, t.sourceType, t.sourceId)
      .where(sql`${t.ruleId} is not null and ${t.reversesEntryId} is null`),
    uniqueIndex('point_entries_source_once')
      .on(t.sourceType, t.sourceId)
      .where(sql`${t.ruleId} is null and ${t.reversesEntryId} is null`),
    uniqueIndex('point_entries_reverses').on(t.reversesEntryId),
    index('point_entries_household').on(t.householdId, t.at),
    index('point_entries_town').on(t.townId, t.at),
    // 挂榜晾晒: a village's or a courtyard's board reads one period of one unit, never the district.
    index('point_entries_village').on(t.villageId, t.at),
    index('point_entries_courtyard').on(t.courtyardId, t.at),
  ],
);

/**
 * Each household's balance, updated in the transaction of every entry and every hold, so a row lock
 * orders concurrent spending; the checks are the last word should any code path forget.
 */
export const pointBalances = pgTable(
  'point_balances',
  {
    householdId: uuid('household_id')
      .primaryKey()
      .references(() => households.id),
    townId: uuid('town_id').notNull(),
    balance: integer('balance').notNull().default(0),
    held: integer('held').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('point_balances_balance_nonnegative', sql`${t.balance} >= 0`),
    check('point_balances_held_nonnegative', sql`${t.held} >= 0`),
    check('point_balances_held_covered', sql`${t.held} <= ${t.balance}`),
  ],
);

/** Goods a village offers in its points store (积分超市). */
export const storeItems = pgTable(
  'store_items',
  {
    id: uuid('id').primaryKey(),
    townId: uuid('town_id').notNull(),
    villageId: uuid('village_id')
      .notNull()
      .references(() => orgUnits.id),
    unitPath: text('unit_path').notNull(),
    name: text('name').notNull(),
    price: integer('price').notNull(),
    stock: integer('stock').notNull(),
    photoId: uuid('photo_id').references(() => photos.id),
    active: boolean('active').notNull().default(true),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('store_items_stock_nonnegative', sql`${t.stock} >= 0`),
    check('store_items_price_positive', sql`${t.price} > 0`),
    index('store_items_village').on(t.villageId, t.active),
  ],
);

/** A redemption (奖励兑换): held at once on the phone, then confirmed at hand-over or cancelled. */
export const storeRedemptions = pgTable(
  'store_redemptions',
  {
    id: uuid('id').primaryKey(),
    townId: uuid('town_id').notNull(),
    villageId: uuid('village_id').notNull(),
    courtyardId: uuid('courtyard_id').notNull(),
    unitPath: text('unit_path').notNull(),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    itemId: uuid('item_id')
      .notNull()
      .references(() => storeItems.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    points: integer('points').notNull(),
    status: text('status').notNull().default('held'),
    reason: text('reason'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('store_redemptions_village').on(t.villageId, t.status, t.createdAt),
    index('store_redemptions_household').on(t.householdId, t.createdAt),
  ],
);

// ---------------------------------------------------------------------------------------------
// leaderboard (挂榜晾晒)
// ---------------------------------------------------------------------------------------------

/**
 * A village TV's board link. Only the token's SHA-256 is kept: the link is shown once to the staff who
 * make it, and whoever holds it sees the village's rankings and nothing else, until it is revoked.
 */
export const leaderboardBoards = pgTable(
  'leaderboard_boards',
  {
    id: uuid('id').primaryKey(),
    townId: uuid('town_id').notNull(),
    villageId: uuid('village_id')
      .notNull()
      .references(() => orgUnits.id),
    unitPath: text('unit_path').notNull(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('leaderboard_boards_token').on(t.tokenHash),
    index('leaderboard_boards_village').on(t.villageId, t.createdAt),
  ],
);

// ─── evaluations (自治考评) ───────────────────────────────────────────────────────────────────────

/**
 * One version of a village's or town's evaluation template: criteria with their maxima and the bands
 * that turn a published total into points. A change is a new version from its valid_from; a round
 * keeps the version it was opened under, so an old month still converts as it did.
 */
export const evaluationTemplates = pgTable(
  'evaluation_templates',
  {
    id: uuid('id').primaryKey(),
    townId: uuid('town_id').notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    unitPath: text('unit_path').notNull(),
    name: text('name').notNull(),
    criteria: jsonb('criteria').$type<{ key: string; name: string; max: number }[]>().notNull(),
    bands: jsonb('bands').$type<{ minTotal: number; points: number }[]>().notNull(),
    validFrom: timestamp('valid_from', { withTimezone: true }).notNull(),
    validTo: timestamp('valid_to', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('evaluation_templates_unit').on(t.unitId, t.validFrom)],
);

/** A courtyard's round of one month (Asia/Shanghai): open while scored, frozen once published. */
export const evaluationRounds = pgTable(
  'evaluation_rounds',
  {
    id: uuid('id').primaryKey(),
    townId: uuid('town_id').notNull(),
    courtyardId: uuid('courtyard_id')
      .notNull()
      .references(() => orgUnits.id),
    unitPath: text('unit_path').notNull(),
    month: text('month').notNull(),
    templateId: uuid('template_id')
      .notNull()
      .references(() => evaluationTemplates.id),
    status: text('status').notNull().default('open'),
    openedBy: uuid('opened_by').references(() => users.id),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    publishedBy: uuid('published_by').references(() => users.id),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('evaluation_rounds_courtyard_month').on(t.courtyardId, t.month),
    index('evaluation_rounds_unit_path').on(sql`${t.unitPath} text_pattern_ops`, t.month),
  ],
);

/**
 * One household's scorecard in a round: a draft while the head scores, then scored or unscored when
 * the round is published. Its id is the ledger source of the points it earned, so it awards once.
 */
export const evaluationScorecards = pgTable(
  'evaluation_scorecards',
  {
    id: uuid('id').primaryKey(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => evaluationRounds.id),
    townId: uuid('town_id').notNull(),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    scores: jsonb('scores').$type<{ key: string; score: number; note?: string }[]>().notNull().default([]),
    status: text('status').notNull().default('draft'),
    total: integer('total'),
    pointsComputed: integer('points_computed'),
    pointsAwarded: integer('points_awarded'),
    entryId: uuid('entry_id').references(() => pointEntries.id),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('evaluation_scorecards_round_household').on(t.roundId, t.householdId),
    index('evaluation_scorecards_household').on(t.householdId),
  ],
);

// ─── tasks (清单制 · 按单履责、对单考核) ─────────────────────────────────────────────────────────────

/**
 * A task a district or town pushes down. Its assignees are kept as given so that a recurring task
 * can hand out each period's instances; the assignments are what people work on.
 */
export const tasks = pgTable(
  'tasks',
  {
    id: uuid('id').primaryKey(),
    /** Null for a district's task, which may reach several towns (its assignments each carry one). */
    townId: uuid('town_id'),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    unitPath: text('unit_path').notNull(),
    title: text('title').notNull(),
    instructions: text('instructions').notNull(),
    items: jsonb('items').notNull(),
    assignees: jsonb('assignees').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }),
    recurrence: text('recurrence'),
    /** Deadlines counted on the working-day calendar (按工作日计); see docs/tasks.md. */
    workingDays: boolean('working_days').notNull().default(false),
    /** A one-off working-day task: the N working days it was given (its due_at is computed from them). */
    dueInWorkingDays: integer('due_in_working_days'),
    endsAt: timestamp('ends_at', { withTimezone: true }),
    issuedBy: uuid('issued_by')
      .notNull()
      .references(() => users.id),
    /** The field visit (蹲点指导) whose follow-up this task is; issued in the visit's transaction. */
    fieldVisitId: uuid('field_visit_id').references((): AnyPgColumn => fieldVisits.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('tasks_unit_path').on(sql`${t.unitPath} text_pattern_ops`, t.createdAt),
    index('tasks_recurring').on(t.recurrence).where(sql`${t.recurrence} is not null`),
    index('tasks_field_visit').on(t.fieldVisitId).where(sql`${t.fieldVisitId} is not null`),
  ],
);

/**
 * One assignee's share of one task (one per period for a recurring task). The unique index on
 * (task, assignee, period) is what makes each period's instance exist once, whoever creates it.
 */
export const taskAssignments = pgTable(
  'task_assignments',
  {
    id: uuid('id').primaryKey(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id),
    periodKey: text('period_key').notNull(),
    townId: uuid('town_id').notNull(),
    assigneeKind: text('assignee_kind').notNull(),
    assigneeId: uuid('assignee_id').notNull(),
    assigneeName: text('assignee_name').notNull(),
    /** The unit it lies at (grid, village, or the town of a sector or post): scope and check-ins. */
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    unitPath: text('unit_path').notNull(),
    villageId: uuid('village_id'),
    gridId: uuid('grid_id'),
    sectorId: uuid('sector_id'),
    postId: uuid('post_id'),
    workerId: uuid('worker_id').references(() => users.id),
    status: text('status').notNull().default('assigned'),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    remindAt: timestamp('remind_at', { withTimezone: true }).notNull(),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    overdueAt: timestamp('overdue_at', { withTimezone: true }),
    evidence: jsonb('evidence').notNull(),
    submittedBy: uuid('submitted_by').references(() => users.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    returnReason: text('return_reason'),
    scores: jsonb('scores'),
    scoreComment: text('score_comment'),
    percent: doublePrecision('percent'),
    scoredBy: uuid('scored_by').references(() => users.id),
    scoredAt: timestamp('scored_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('task_assignments_once').on(t.taskId, t.assigneeKind, t.assigneeId, t.periodKey),
    index('task_assignments_path').on(sql`${t.unitPath} text_pattern_ops`, t.dueAt),
    index('task_assignments_town_due').on(t.townId, t.dueAt),
    index('task_assignments_worker').on(t.workerId, t.dueAt),
    index('task_assignments_open_due')
      .on(t.dueAt)
      .where(sql`${t.status} in ('assigned', 'in_progress', 'returned') and ${t.overdueAt} is null`),
    index('task_assignments_open_remind')
      .on(t.remindAt)
      .where(sql`${t.status} in ('assigned', 'in_progress', 'returned') and ${t.remindedAt} is null`),
  ],
);

/** An assignment's history, append-only, written in the transaction of the change it records. */
export const taskEvents = pgTable(
  'task_events',
  {
    id: uuid('id').primaryKey(),
    assignmentId: uuid('assignment_id')
      .notNull()
      .references(() => taskAssignments.id),
    townId: uuid('town_id').notNull(),
    actorId: uuid('actor_id').references(() => users.id),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    detail: jsonb('detail').notNull().default({}),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('task_events_assignment').on(t.assignmentId, t.at)],
);

/** Photos given as evidence: a photo is evidence of one assignment only. */
export const taskPhotos = pgTable(
  'task_photos',
  {
    photoId: uuid('photo_id')
      .primaryKey()
      .references(() => photos.id),
    assignmentId: uuid('assignment_id')
      .notNull()
      .references(() => taskAssignments.id),
    item: integer('item').notNull(),
  },
  (t) => [index('task_photos_assignment').on(t.assignmentId)],
);

// ─── calendar (工作日历) ────────────────────────────────────────────────────────────────────────

/**
 * One year's working-day calendar: the days that depart from "Monday to Friday" (holidays off,
 * adjusted working days 调休 on), as the State Council publishes them. `provisional` until checked
 * against the published notice (待公布核对).
 */
export const calendarYears = pgTable('calendar_years', {
  year: integer('year').primaryKey(),
  days: jsonb('days').notNull(),
  provisional: boolean('provisional').notNull().default(false),
  note: text('note').notNull().default(''),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Every change of a year's calendar, with the days before and after: the history admins read. */
export const calendarChanges = pgTable(
  'calendar_changes',
  {
    id: uuid('id').primaryKey(),
    year: integer('year').notNull(),
    actorId: uuid('actor_id').references(() => users.id),
    before: jsonb('before'),
    after: jsonb('after').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('calendar_changes_year').on(t.year, t.at)],
);

// ─── supervision (挂牌督办) ──────────────────────────────────────────────────────────────────────

/**
 * A case (later also a task) placed under named supervision: `subject_type` + `subject_id` name it,
 * `unit_path` is where the subject lies, for scope. At most one open supervision per subject.
 */
export const supervisions = pgTable(
  'supervisions',
  {
    id: uuid('id').primaryKey(),
    townId: uuid('town_id').notNull(),
    unitPath: text('unit_path').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: uuid('subject_id').notNull(),
    /** 区级督办 or 镇级督办: the level of the official who placed it. */
    level: text('level').notNull(),
    supervisorId: uuid('supervisor_id')
      .notNull()
      .references(() => users.id),
    placedBy: uuid('placed_by')
      .notNull()
      .references(() => users.id),
    requiredOutcome: text('required_outcome').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    status: text('status').notNull().default('open'),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    overdueAt: timestamp('overdue_at', { withTimezone: true }),
    outcome: text('outcome'),
    reviewNote: text('review_note'),
    closedBy: uuid('closed_by').references(() => users.id),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('supervisions_open_subject').on(t.subjectType, t.subjectId).where(sql`${t.status} = 'open'`),
    index('supervisions_town').on(t.townId, t.status, t.dueAt),
    index('supervisions_subject').on(t.subjectId, t.createdAt),
    index('supervisions_clock').on(t.dueAt).where(sql`${t.status} = 'open'`),
  ],
);

/** The history of a supervision: placed, reminded, overdue, closed (who, when, note). */
export const supervisionEvents = pgTable(
  'supervision_events',
  {
    id: uuid('id').primaryKey(),
    supervisionId: uuid('supervision_id')
      .notNull()
      .references(() => supervisions.id),
    townId: uuid('town_id').notNull(),
    actorId: uuid('actor_id').references(() => users.id),
    action: text('action').notNull(),
    note: text('note'),
    detail: jsonb('detail').notNull().default({}),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('supervision_events_supervision').on(t.supervisionId, t.at)],
);

// ─── field visits (蹲点指导) ─────────────────────────────────────────────────────────────────────

/** An official's on-site guidance at a village or grid: who, when, what was found, what must follow. */
export const fieldVisits = pgTable(
  'field_visits',
  {
    id: uuid('id').primaryKey(),
    townId: uuid('town_id').notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    unitPath: text('unit_path').notNull(),
    visitorId: uuid('visitor_id')
      .notNull()
      .references(() => users.id),
    companions: text('companions').notNull().default(''),
    visitedAt: timestamp('visited_at', { withTimezone: true }).notNull(),
    findings: text('findings').notNull(),
    /** Free-text remarks: the follow-ups written before they became tasks, and notes that are not tasks. */
    notes: jsonb('notes').notNull().default([]),
    createdAt: createdAt(),
  },
  (t) => [
    index('field_visits_town').on(t.townId, t.visitedAt),
    index('field_visits_unit_path').on(t.unitPath, t.visitedAt),
  ],
);

// ─── reports (日通报、周小结、月总结) ──────────────────────────────────────────────────────────────

/**
 * A generated bulletin of one unit (a town or the district) for one Asia/Shanghai day, week or month.
 * A snapshot never changes: generating again makes the next version, and readers see every version.
 * The scheduler makes version 1 after the period ends; the unique index keeps it to one whoever races.
 */
export const reportSnapshots = pgTable(
  'report_snapshots',
  {
    id: uuid('id').primaryKey(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    unitPath: text('unit_path').notNull(),
    townId: uuid('town_id'),
    kind: text('kind').notNull(),
    periodFrom: timestamp('period_from', { withTimezone: true }).notNull(),
    periodTo: timestamp('period_to', { withTimezone: true }).notNull(),
    version: integer('version').notNull(),
    /** Null when the scheduler made it. */
    generatedBy: uuid('generated_by').references(() => users.id),
    generatedAt: timestamp('generated_at', { withTimezone: true }).notNull().defaultNow(),
    body: jsonb('body').notNull(),
  },
  (t) => [
    uniqueIndex('report_snapshots_once').on(t.unitId, t.kind, t.periodFrom, t.version),
    index('report_snapshots_unit').on(t.unitId, t.kind, t.periodFrom),
  ],
);
