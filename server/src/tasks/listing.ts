import { SECTOR_LABELS } from '@domain/org/kinds';
import type { Actor } from '@domain/policies/scope';
import { authorizeTaskIssuing } from '@domain/tasks/policy';
import type { AssignmentSummary, TaskSummary } from '@domain/tasks/schemas';
import { and, desc, eq, inArray, isNull, like, or, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { orgUnits, posts, roleGrants, sectors, taskAssignments, tasks, users } from '../db/schema';
import { findUnit } from '../org/queries';
import { enforce } from '../platform/enforce';
import { type TaskRow, toAssignmentSummary, toTaskSummaries, toTaskView } from './queries';

/** Tasks issued at or under a unit in the issuer's area, newest first, with their progress. */
export async function listTasks(
  db: Db,
  actor: Actor,
  unitId: string,
  now = new Date(),
): Promise<TaskSummary[]> {
  const unit = await findUnit(db, unitId);
  if (!unit || unit.retiredAt) enforce('not_found');
  const u = unit as NonNullable<typeof unit>;
  enforce(authorizeTaskIssuing(actor, u.path));
  const rows = await db
    .select()
    .from(tasks)
    .where(like(tasks.unitPath, `${u.path}%`))
    .orderBy(desc(tasks.createdAt))
    .limit(200);
  return toTaskSummaries(db, rows, now);
}

/** A task with every assignment's progress, for the issuers whose area holds the issuing unit. */
export async function readTask(db: Db, actor: Actor, id: string, now = new Date()) {
  const [row] = await db.select().from(tasks).where(eq(tasks.id, id));
  if (!row) enforce('not_found');
  const task = row as TaskRow;
  enforce(authorizeTaskIssuing(actor, task.unitPath) === 'allow' ? 'allow' : 'not_found');
  return toTaskView(db, task, now);
}

/**
 * 我的任务: the assignments the person fulfils — named to them, to a grid or village they look after
 * as grid worker, or to a post or sector they staff — open ones first by deadline, then the latest done.
 */
export async function myAssignments(db: Db, actor: Actor, now = new Date()): Promise<AssignmentSummary[]> {
  const reach: SQL[] = [eq(taskAssignments.workerId, actor.userId)];
  for (const g of actor.grants) {
    if (g.role === 'grid_worker') {
      reach.push(
        and(
          inArray(taskAssignments.assigneeKind, ['grid', 'village']),
          eq(taskAssignments.unitId, g.unitId),
        ) as SQL,
      );
      const [grid] = await db
        .select({ parentId: orgUnits.parentId })
        .from(orgUnits)
        .where(eq(orgUnits.id, g.unitId));
      if (grid?.parentId)
        reach.push(
          and(eq(taskAssignments.assigneeKind, 'village'), eq(taskAssignments.unitId, grid.parentId)) as SQL,
        );
    }
    if (g.role === 'post_staff' && g.postId) {
      reach.push(and(eq(taskAssignments.assigneeKind, 'post'), eq(taskAssignments.postId, g.postId)) as SQL);
      const [post] = await db.select({ sectorId: posts.sectorId }).from(posts).where(eq(posts.id, g.postId));
      if (post)
        reach.push(
          and(eq(taskAssignments.assigneeKind, 'sector'), eq(taskAssignments.sectorId, post.sectorId)) as SQL,
        );
    }
  }
  const rows = await db
    .select({ a: taskAssignments, t: tasks })
    .from(taskAssignments)
    .innerJoin(tasks, eq(tasks.id, taskAssignments.taskId))
    .where(or(...reach))
    .orderBy(desc(taskAssignments.dueAt))
    .limit(200);
  const open = new Set(['assigned', 'in_progress', 'returned']);
  const items = rows.map((r) => toAssignmentSummary(r.a, r.t, now));
  return [
    ...items.filter((i) => open.has(i.status)).sort((x, y) => x.dueAt.localeCompare(y.dueAt)),
    ...items.filter((i) => !open.has(i.status)),
  ];
}

/** Who a task may go to under a town: its sectors and posts, villages, grids and grid workers. */
export async function assigneeOptions(db: Db, actor: Actor, unitId: string) {
  const unit = await findUnit(db, unitId);
  if (!unit || unit.retiredAt) enforce('not_found');
  const u = unit as NonNullable<typeof unit>;
  enforce(authorizeTaskIssuing(actor, u.path));
  const units = await db
    .select()
    .from(orgUnits)
    .where(
      and(
        like(orgUnits.path, `${u.path}%`),
        inArray(orgUnits.kind, ['town', 'village', 'grid']),
        isNull(orgUnits.retiredAt),
      ),
    )
    .orderBy(orgUnits.path)
    .limit(5_000);
  const towns = units.filter((x) => x.kind === 'town');
  const townIds = towns.map((t) => t.id);
  const sectorRows = townIds.length
    ? await db.select().from(sectors).where(inArray(sectors.townId, townIds))
    : [];
  const postRows = townIds.length
    ? await db
        .select()
        .from(posts)
        .where(and(inArray(posts.townId, townIds), isNull(posts.retiredAt)))
    : [];
  const gridIds = units.filter((x) => x.kind === 'grid').map((g) => g.id);
  const workers = gridIds.length
    ? await db
        .select({ id: users.id, name: users.name, gridId: roleGrants.unitId })
        .from(roleGrants)
        .innerJoin(users, eq(users.id, roleGrants.userId))
        .where(
          and(
            eq(roleGrants.role, 'grid_worker'),
            inArray(roleGrants.unitId, gridIds),
            isNull(users.disabledAt),
          ),
        )
    : [];
  const townName = new Map(towns.map((t) => [t.id, t.name]));
  return [
    ...sectorRows.map((s) => ({
      kind: 'sector' as const,
      id: s.id,
      name: `${townName.get(s.townId) ?? ''} ${SECTOR_LABELS[s.kind as keyof typeof SECTOR_LABELS].zh}`,
      parentId: s.townId,
    })),
    ...postRows.map((p) => ({ kind: 'post' as const, id: p.id, name: p.name, parentId: p.sectorId })),
    ...units
      .filter((x) => x.kind === 'village' || x.kind === 'grid')
      .map((x) => ({ kind: x.kind as 'village' | 'grid', id: x.id, name: x.name, parentId: x.parentId })),
    ...workers.map((w) => ({ kind: 'grid_worker' as const, id: w.id, name: w.name, parentId: w.gridId })),
  ];
}
