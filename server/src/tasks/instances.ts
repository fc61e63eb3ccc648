import { SECTOR_LABELS, type SectorKind } from '@domain/org/kinds';
import { reminderAt } from '@domain/tasks/deadline';
import type { Recurrence } from '@domain/tasks/periods';
import type { AssigneeKind, AssigneeRef } from '@domain/tasks/schemas';
import { and, eq, inArray, isNull, like } from 'drizzle-orm';
import type { Db } from '../db/client';
import { orgUnits, posts, roleGrants, sectors, taskAssignments, users } from '../db/schema';
import { townIdOfPath } from '../org/paths';
import { enforce } from '../platform/enforce';
import { newId } from '../platform/ids';
import { fulfillersOf, notifyAboutTask, type TaskRow, writeTaskEvent } from './queries';

/** An assignee as resolved against the org tree: where it lies and what it rolls up into. */
export interface ResolvedAssignee {
  kind: AssigneeKind;
  id: string;
  name: string;
  townId: string;
  unitId: string;
  unitPath: string;
  villageId: string | null;
  gridId: string | null;
  sectorId: string | null;
  postId: string | null;
  workerId: string | null;
}

/**
 * Resolves each assignee under the issuing unit. Anything unknown, retired, of the wrong kind or
 * outside the issuer's unit is answered as not found, so an issuer learns nothing beyond their area.
 */
export async function resolveAssignees(
  db: Db,
  issuerPath: string,
  refs: readonly AssigneeRef[],
): Promise<ResolvedAssignee[]> {
  const out: ResolvedAssignee[] = [];
  const unique = [...new Map(refs.map((r) => [`${r.kind}:${r.id}`, r])).values()];
  const byKind = (k: AssigneeKind) => unique.filter((r) => r.kind === k).map((r) => r.id);
  const under = (path: string) => path.startsWith(issuerPath);

  const unitIds = [...byKind('village'), ...byKind('grid')];
  const units = unitIds.length
    ? await db
        .select()
        .from(orgUnits)
        .where(and(inArray(orgUnits.id, unitIds), isNull(orgUnits.retiredAt)))
    : [];
  for (const kind of ['village', 'grid'] as const) {
    for (const id of byKind(kind)) {
      const u = units.find((x) => x.id === id && x.kind === kind);
      if (!u || !under(u.path)) enforce('not_found');
      const unit = u as (typeof units)[number];
      out.push({
        kind,
        id,
        name: unit.name,
        townId: unit.townId ?? (townIdOfPath(unit.path) as string),
        unitId: unit.id,
        unitPath: unit.path,
        villageId: kind === 'village' ? unit.id : unit.parentId,
        gridId: kind === 'grid' ? unit.id : null,
        sectorId: null,
        postId: null,
        workerId: null,
      });
    }
  }

  for (const id of byKind('sector')) {
    const [row] = await db
      .select({ sector: sectors, town: orgUnits })
      .from(sectors)
      .innerJoin(orgUnits, eq(orgUnits.id, sectors.townId))
      .where(eq(sectors.id, id));
    if (!row || !under(row.town.path)) enforce('not_found');
    const { sector, town } = row as NonNullable<typeof row>;
    out.push({
      kind: 'sector',
      id,
      name: `${town.name} ${SECTOR_LABELS[sector.kind as SectorKind].zh}`,
      townId: town.id,
      unitId: town.id,
      unitPath: town.path,
      villageId: null,
      gridId: null,
      sectorId: sector.id,
      postId: null,
      workerId: null,
    });
  }

  for (const id of byKind('post')) {
    const [row] = await db
      .select({ post: posts, town: orgUnits })
      .from(posts)
      .innerJoin(orgUnits, eq(orgUnits.id, posts.townId))
      .where(and(eq(posts.id, id), isNull(posts.retiredAt)));
    if (!row || !under(row.town.path)) enforce('not_found');
    const { post, town } = row as NonNullable<typeof row>;
    out.push({
      kind: 'post',
      id,
      name: `${town.name} ${post.name}`,
      townId: town.id,
      unitId: town.id,
      unitPath: town.path,
      villageId: null,
      gridId: null,
      sectorId: post.sectorId,
      postId: post.id,
      workerId: null,
    });
  }

  for (const id of byKind('grid_worker')) {
    const [row] = await db
      .select({ user: users, grid: orgUnits })
      .from(roleGrants)
      .innerJoin(users, eq(users.id, roleGrants.userId))
      .innerJoin(orgUnits, eq(orgUnits.id, roleGrants.unitId))
      .where(
        and(
          eq(roleGrants.userId, id),
          eq(roleGrants.role, 'grid_worker'),
          like(orgUnits.path, `${issuerPath}%`),
          isNull(users.disabledAt),
        ),
      )
      .limit(1);
    if (!row) enforce('not_found');
    const { user, grid } = row as NonNullable<typeof row>;
    out.push({
      kind: 'grid_worker',
      id,
      name: `${user.name}（${grid.name}）`,
      townId: grid.townId ?? (townIdOfPath(grid.path) as string),
      unitId: grid.id,
      unitPath: grid.path,
      villageId: grid.parentId,
      gridId: grid.id,
      sectorId: null,
      postId: null,
      workerId: user.id,
    });
  }
  return out;
}

/**
 * Hands out one period's assignments of a task. Rows that already exist (another process, an earlier
 * tick) are left alone by the unique index; only the rows this call inserted get their history row and
 * inbox message, so a period's instance is created, recorded and announced once.
 */
export async function handOut(
  tx: Db,
  task: TaskRow,
  assignees: readonly ResolvedAssignee[],
  period: { key: string; dueAt: Date; startsAt: Date },
  actorId: string | null,
): Promise<number> {
  if (assignees.length === 0) return 0;
  const items = (task.items as unknown[]).length;
  const remindAt = reminderAt(period.startsAt, period.dueAt, (task.recurrence as Recurrence | null) ?? null);
  const inserted = await tx
    .insert(taskAssignments)
    .values(
      assignees.map((a) => ({
        id: newId(),
        taskId: task.id,
        periodKey: period.key,
        townId: a.townId,
        assigneeKind: a.kind,
        assigneeId: a.id,
        assigneeName: a.name,
        unitId: a.unitId,
        unitPath: a.unitPath,
        villageId: a.villageId,
        gridId: a.gridId,
        sectorId: a.sectorId,
        postId: a.postId,
        workerId: a.workerId,
        dueAt: period.dueAt,
        remindAt,
        evidence: Array.from({ length: items }, () => null),
      })),
    )
    .onConflictDoNothing()
    .returning();
  for (const row of inserted) {
    await writeTaskEvent(tx, row, actorId, 'assigned', null, 'assigned', {
      periodKey: period.key,
    });
    await notifyAboutTask(tx, await fulfillersOf(tx, row), row.townId, 'task_assigned', {
      zh: `新任务：${task.title}`,
      en: `New task: ${task.title}`,
    });
  }
  return inserted.length;
}
