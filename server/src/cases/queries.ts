import type { CaseDetail, CaseEventView, CaseSummary, PhotoView } from '@domain/cases/schemas';
import type { CaseStatus, Rating } from '@domain/cases/states';
import type { MatterLevel, Urgency } from '@domain/matters/schemas';
import type { UnitKind } from '@domain/org/kinds';
import { allowedCaseActions, type CaseTarget, canReadCase } from '@domain/policies/cases';
import type { Actor } from '@domain/policies/scope';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { askIdOfCase } from '../asks/queries';
import type { Db } from '../db/client';
import {
  caseAssignments,
  caseEvents,
  cases,
  facilityReports,
  matters,
  orgUnits,
  photos,
  posts,
  users,
} from '../db/schema';
import { idsOfPath } from '../org/paths';
import { enforce } from '../platform/enforce';

export type CaseRow = typeof cases.$inferSelect;
export type PhotoRow = typeof photos.$inferSelect;

/** The policy's view of a case: paths of its town and grid, its posts, its check-ins. */
export async function caseTargetOf(db: Db, row: CaseRow): Promise<CaseTarget> {
  const ids = idsOfPath(row.unitPath);
  const assignments = await db.select().from(caseAssignments).where(eq(caseAssignments.caseId, row.id));
  const [matter] = await db
    .select({ level: matters.level })
    .from(matters)
    .where(eq(matters.id, row.matterId));
  const townPath = `/${ids.slice(0, 2).join('/')}/`;
  return {
    status: row.status as CaseStatus,
    reporterId: row.reporterId,
    alsoReporterIds: await alsoReportersOf(db, row.id),
    townPath,
    unitPath: row.unitPath,
    gridPath: row.gridId ? `/${ids.slice(0, 4).join('/')}/` : null,
    matterLevel: (matter?.level ?? 'town') as MatterLevel,
    leadPostId: row.leadPostId,
    assistPostIds: assignments.filter((a) => a.role === 'assist').map((a) => a.postId),
    leadUserId: row.leadUserId,
    whistled: row.whistled,
    checkedInPostIds: assignments.filter((a) => a.checkedInAt).map((a) => a.postId),
    paused: row.pausedSince != null,
    closedAt: row.closedAt,
    rated: row.rating != null,
  };
}

/** People whose report of the same facility joined the case rather than opening another. */
export async function alsoReportersOf(db: Db, caseId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ reporterId: facilityReports.reporterId })
    .from(facilityReports)
    .where(and(eq(facilityReports.caseId, caseId), eq(facilityReports.joined, true)));
  return rows.map((r) => r.reporterId);
}

/** A case the actor may see; any other reads as "no such case". */
export async function readableCase(
  db: Db,
  actor: Actor,
  id: string,
): Promise<{ row: CaseRow; target: CaseTarget }> {
  const [row] = await db.select().from(cases).where(eq(cases.id, id));
  if (!row) enforce('not_found');
  const target = await caseTargetOf(db, row as CaseRow);
  if (!canReadCase(actor, target)) enforce('not_found');
  return { row: row as CaseRow, target };
}

export function photoView(p: Pick<PhotoRow, 'id' | 'width' | 'height'>): PhotoView {
  return {
    id: p.id,
    url: `/api/v1/photos/${p.id}`,
    thumbUrl: `/api/v1/photos/${p.id}/thumb`,
    width: p.width,
    height: p.height,
  };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function toCaseSummaries(db: Db, rows: readonly CaseRow[]): Promise<CaseSummary[]> {
  if (rows.length === 0) return [];
  const matterRows = await db
    .select()
    .from(matters)
    .where(inArray(matters.id, [...new Set(rows.map((r) => r.matterId))]));
  const unitIds = [...new Set(rows.flatMap((r) => idsOfPath(r.unitPath)))];
  const unitRows = await db
    .select({ id: orgUnits.id, name: orgUnits.name, kind: orgUnits.kind })
    .from(orgUnits)
    .where(inArray(orgUnits.id, unitIds));
  const postIds = rows.map((r) => r.leadPostId).filter((p): p is string => !!p);
  const postRows = postIds.length
    ? await db.select({ id: posts.id, name: posts.name }).from(posts).where(inArray(posts.id, postIds))
    : [];
  const firstPhotos = await db
    .select({ id: photos.id, caseId: photos.caseId, width: photos.width, height: photos.height })
    .from(photos)
    .where(
      inArray(
        photos.caseId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(photos.createdAt));
  const matterById = new Map(matterRows.map((m) => [m.id, m]));
  const unitById = new Map(unitRows.map((u) => [u.id, u]));
  const postById = new Map(postRows.map((p) => [p.id, p]));
  const thumbByCase = new Map<string, string>();
  for (const p of firstPhotos)
    if (p.caseId && !thumbByCase.has(p.caseId)) thumbByCase.set(p.caseId, photoView(p).thumbUrl);

  return rows.map((r) => {
    const matter = matterById.get(r.matterId);
    const unit = unitById.get(r.unitId);
    const lead = r.leadPostId ? postById.get(r.leadPostId) : undefined;
    return {
      id: r.id,
      townId: r.townId,
      matter: {
        id: r.matterId,
        code: matter?.code ?? '',
        name: matter?.name ?? '',
        level: (matter?.level ?? 'town') as MatterLevel,
        isDispute: matter?.isDispute ?? false,
      },
      status: r.status as CaseStatus,
      urgency: r.urgency as Urgency,
      description: r.description,
      unit: {
        id: r.unitId,
        name: unit?.name ?? '',
        kind: (unit?.kind ?? 'town') as UnitKind,
        trail: idsOfPath(r.unitPath)
          .slice(1)
          .map((id) => unitById.get(id)?.name ?? ''),
      },
      location: r.lat != null && r.lng != null ? { lat: r.lat, lng: r.lng } : null,
      reportedAt: r.reportedAt.toISOString(),
      stageDueAt: iso(r.stageDueAt),
      overdueLevel: r.overdueLevel,
      paused: r.pausedSince != null,
      leadPost: lead ? { id: lead.id, name: lead.name } : null,
      rating: (r.rating as Rating | null) ?? null,
      thumbUrl: thumbByCase.get(r.id) ?? null,
      version: r.version,
    };
  });
}

/** Staff see who reported even when the reporter hid their name from everyone else. */
function seesHiddenReporter(actor: Actor, target: CaseTarget): boolean {
  return (
    actor.userId === target.reporterId ||
    actor.grants.some(
      (g) => g.role !== 'resident' && g.role !== 'party_member' && target.unitPath.startsWith(g.unitPath),
    )
  );
}

export async function toCaseDetail(
  db: Db,
  actor: Actor,
  row: CaseRow,
  target: CaseTarget,
  now: Date,
): Promise<CaseDetail> {
  const [summary] = await toCaseSummaries(db, [row]);
  const events = await db
    .select()
    .from(caseEvents)
    .where(eq(caseEvents.caseId, row.id))
    .orderBy(asc(caseEvents.seq));
  const casePhotos = await db
    .select()
    .from(photos)
    .where(eq(photos.caseId, row.id))
    .orderBy(asc(photos.createdAt));
  const assignments = await db
    .select({ a: caseAssignments, postName: posts.name })
    .from(caseAssignments)
    .innerJoin(posts, eq(posts.id, caseAssignments.postId))
    .where(eq(caseAssignments.caseId, row.id));
  const peopleIds = [
    ...new Set([
      row.reporterId,
      ...(row.leadUserId ? [row.leadUserId] : []),
      ...events.map((e) => e.actorId).filter((a): a is string => !!a),
    ]),
  ];
  const people = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(inArray(users.id, peopleIds));
  const nameOf = new Map(people.map((p) => [p.id, p.name]));
  const hideReporter = row.anonymous && !seesHiddenReporter(actor, target);
  const person = (id: string | null) => (id ? { id, name: nameOf.get(id) ?? '' } : null);

  const timeline: CaseEventView[] = events.map((e) => ({
    id: e.id,
    seq: e.seq,
    action: e.action,
    fromStatus: (e.fromStatus as CaseStatus | null) ?? null,
    toStatus: e.toStatus as CaseStatus,
    note: e.note,
    actor: hideReporter && e.actorId === row.reporterId ? null : person(e.actorId),
    at: e.at.toISOString(),
    photos: casePhotos.filter((p) => p.eventId === e.id).map(photoView),
  }));
  return {
    ...(summary as CaseSummary),
    askId: row.source === 'ask' ? await askIdOfCase(db, row.id) : null,
    address: row.address,
    anonymous: row.anonymous,
    reporter: hideReporter ? null : person(row.reporterId),
    leadUser: person(row.leadUserId),
    assignments: assignments.map(({ a, postName }) => ({
      post: { id: a.postId, name: postName },
      role: a.role as 'lead' | 'assist',
      checkInDueAt: iso(a.checkInDueAt),
      checkedInAt: iso(a.checkedInAt),
      checkInMissed: a.checkInMissed,
    })),
    whistled: row.whistled,
    stage: row.stage,
    pausedMs: row.pausedMs,
    pausedSince: iso(row.pausedSince),
    dueAt: iso(row.dueAt),
    reworkCount: row.reworkCount,
    reopenCount: row.reopenCount,
    ratingComment: row.ratingComment,
    acceptedAt: iso(row.acceptedAt),
    closedAt: iso(row.closedAt),
    photos: casePhotos.map(photoView),
    timeline,
    can: allowedCaseActions(actor, target, now),
  };
}
