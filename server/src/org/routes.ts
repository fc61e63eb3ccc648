import {
  BoundaryImportResult,
  CreatePostInput,
  CreateUnitInput,
  GeoFeatureCollection,
  LocateQuery,
  MoveUnitInput,
  OrgUnit,
  OrgUnitDetail,
  Post,
  RenamePostInput,
  SectorWithPosts,
  UpdateUnitInput,
} from '@domain/org/schemas';
import { scopeRoots } from '@domain/policies/scope';
import { Id, PageQuery, pageOf } from '@domain/shared/schemas';
import { inArray } from 'drizzle-orm';
import { z } from 'zod';
import { orgUnits } from '../db/schema';
import { requireAuth } from '../platform/authenticate';
import { decodeCursor, encodeCursor } from '../platform/cursor';
import type { App, Deps } from '../platform/types';
import { createUnit } from './createUnit';
import { importBoundaries } from './importBoundaries';
import { locatePoint } from './locate';
import { moveUnit } from './moveUnit';
import { createPost, renamePost, retirePost, sectorsOfTown } from './posts';
import { listChildren, toOrgUnitDetail, toOrgUnits, unitFor } from './queries';
import { retireUnit } from './retireUnit';
import { updateUnit } from './updateUnit';

const tags = ['org'];
const IdParams = z.object({ id: Id });

export function orgRoutes(app: App, { db }: Deps) {
  app.get(
    '/api/v1/org/roots',
    {
      schema: {
        tags,
        summary: '我可见的顶层单元 The top units I reach',
        response: { 200: z.array(OrgUnit) },
      },
    },
    async (request) => {
      const { actor } = requireAuth(request);
      const ids = scopeRoots(actor).map((g) => g.unitId);
      if (ids.length === 0) return [];
      const rows = await db.select().from(orgUnits).where(inArray(orgUnits.id, ids));
      return toOrgUnits(db, actor, rows);
    },
  );

  app.get(
    '/api/v1/org/units/:id',
    { schema: { tags, summary: '单元详情 A unit', params: IdParams, response: { 200: OrgUnitDetail } } },
    async (request) => {
      const { actor } = requireAuth(request);
      return toOrgUnitDetail(db, actor, await unitFor(db, actor, request.params.id, 'read'));
    },
  );

  app.get(
    '/api/v1/org/units/:id/children',
    {
      schema: {
        tags,
        summary: '下级单元 Children of a unit',
        params: IdParams,
        querystring: PageQuery.extend({ includeRetired: z.enum(['true', 'false']).default('false') }),
        response: { 200: pageOf(OrgUnit) },
      },
    },
    async (request) => {
      const { actor } = requireAuth(request);
      const unit = await unitFor(db, actor, request.params.id, 'read');
      const after = decodeCursor(request.query.cursor, 2) as [string, string] | null;
      const rows = await listChildren(db, unit.id, {
        after,
        limit: request.query.limit + 1,
        includeRetired: request.query.includeRetired === 'true',
      });
      const page = rows.slice(0, request.query.limit);
      const last = page.at(-1);
      return {
        items: await toOrgUnits(db, actor, page),
        nextCursor: rows.length > page.length && last ? encodeCursor([last.name, last.id]) : null,
      };
    },
  );

  app.post(
    '/api/v1/org/units',
    {
      schema: {
        tags,
        summary: '新建下级单元 Create a unit',
        body: CreateUnitInput,
        response: { 201: OrgUnitDetail },
      },
    },
    async (request, reply) => {
      const { actor } = requireAuth(request);
      const row = await createUnit(db, actor, request.body);
      return reply.status(201).send(await toOrgUnitDetail(db, actor, row));
    },
  );

  app.patch(
    '/api/v1/org/units/:id',
    {
      schema: {
        tags,
        summary: '修改单元（改名、编码、边界）Update a unit',
        params: IdParams,
        body: UpdateUnitInput,
        response: { 200: OrgUnitDetail },
      },
    },
    async (request) => {
      const { actor } = requireAuth(request);
      return toOrgUnitDetail(db, actor, await updateUnit(db, actor, request.params.id, request.body));
    },
  );

  app.post(
    '/api/v1/org/units/:id/move',
    {
      schema: {
        tags,
        summary: '移动单元 Move a unit',
        params: IdParams,
        body: MoveUnitInput,
        response: { 200: OrgUnitDetail },
      },
    },
    async (request) => {
      const { actor } = requireAuth(request);
      return toOrgUnitDetail(db, actor, await moveUnit(db, actor, request.params.id, request.body.parentId));
    },
  );

  app.post(
    '/api/v1/org/units/:id/retire',
    {
      schema: { tags, summary: '撤销单元 Retire a unit', params: IdParams, response: { 200: OrgUnitDetail } },
    },
    async (request) => {
      const { actor } = requireAuth(request);
      return toOrgUnitDetail(db, actor, await retireUnit(db, actor, request.params.id));
    },
  );

  app.post(
    '/api/v1/org/units/:id/boundaries',
    {
      schema: {
        tags,
        summary: '导入 GeoJSON 边界 Import boundaries from GeoJSON',
        params: IdParams,
        body: GeoFeatureCollection,
        response: { 200: BoundaryImportResult },
      },
    },
    async (request) => {
      const { actor } = requireAuth(request);
      return importBoundaries(db, actor, request.params.id, request.body);
    },
  );

  app.get(
    '/api/v1/org/locate',
    {
      schema: {
        tags,
        summary: '按坐标定位单元 Locate a point to units',
        querystring: LocateQuery,
        response: { 200: z.object({ unit: OrgUnit.nullable(), trail: z.array(OrgUnit) }) },
      },
    },
    async (request) => {
      const { actor } = requireAuth(request);
      const trail = await toOrgUnits(db, actor, await locatePoint(db, actor, request.query));
      return { unit: trail.at(-1) ?? null, trail };
    },
  );

  app.get(
    '/api/v1/org/units/:id/sectors',
    {
      schema: {
        tags,
        summary: '镇街的四板块与岗位 Sectors and posts of a town',
        params: IdParams,
        response: { 200: z.array(SectorWithPosts) },
      },
    },
    async (request) => sectorsOfTown(db, requireAuth(request).actor, request.params.id),
  );

  app.post(
    '/api/v1/org/units/:id/posts',
    {
      schema: {
        tags,
        summary: '新建岗位 Create a post',
        params: IdParams,
        body: CreatePostInput,
        response: { 201: Post },
      },
    },
    async (request, reply) => {
      const post = await createPost(db, requireAuth(request).actor, request.params.id, request.body);
      return reply.status(201).send(post);
    },
  );

  app.patch(
    '/api/v1/org/posts/:id',
    {
      schema: {
        tags,
        summary: '岗位改名 Rename a post',
        params: IdParams,
        body: RenamePostInput,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await renamePost(db, requireAuth(request).actor, request.params.id, request.body.name);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/org/posts/:id/retire',
    { schema: { tags, summary: '撤销岗位 Retire a post', params: IdParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await retirePost(db, requireAuth(request).actor, request.params.id);
      return reply.status(204).send(null);
    },
  );
}
