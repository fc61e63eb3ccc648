import {
  CreateFacilityInput,
  FACILITY_KIND_INFO,
  type FacilityKind,
  FacilityListQuery,
  FacilityReportInput,
  FacilityReportResult,
  FacilityView,
  NearbyFacility,
  ScannedFacility,
  UpdateFacilityInput,
} from '@domain/facilities/schemas';
import { Id } from '@domain/shared/schemas';
import { and, eq, isNull } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { matters } from '../db/schema';
import { requireAuth } from '../platform/authenticate';
import { enforce } from '../platform/enforce';
import type { App, Deps } from '../platform/types';
import { createFacility, updateFacility } from './editFacility';
import { labelSheet, unknownFacilityPage } from './labels';
import { facilitiesNearMe } from './nearMe';
import {
  facilitiesUnder,
  facilityByCode,
  facilityUnitFor,
  facilityView,
  listFacilities,
  trailsOf,
} from './queries';
import { reportFacility } from './reportFacility';

const tags = ['facilities'];
const IdParams = z.object({ id: Id });
const CodeParams = z.object({ code: z.string().min(1).max(64) });

export function facilityRoutes(app: App, { db, config }: Deps) {
  const publicBase = (request: FastifyRequest) =>
    config.publicBaseUrl ?? `${request.protocol}://${request.host}`;

  app.get(
    '/api/v1/org/units/:id/facilities',
    {
      schema: {
        tags,
        summary: '设施及满溢次数 Facilities and how often they filled',
        params: IdParams,
        querystring: FacilityListQuery,
        response: { 200: z.array(FacilityView) },
      },
    },
    async (request) => {
      const unit = await facilityUnitFor(db, requireAuth(request).actor, request.params.id, 'read');
      const { from, to } = request.query;
      return listFacilities(db, unit.path, {
        from: from ? new Date(from) : undefined,
        to: to ? new Date(to) : undefined,
      });
    },
  );

  app.post(
    '/api/v1/facilities',
    {
      schema: {
        tags,
        summary: '新增设施 Add a facility',
        body: CreateFacilityInput,
        response: { 201: FacilityView },
      },
    },
    async (request, reply) => {
      const row = await createFacility(db, requireAuth(request).actor, request.body);
      return reply.status(201).send(await facilityView(db, row));
    },
  );

  app.patch(
    '/api/v1/facilities/:id',
    {
      schema: {
        tags,
        summary: '修改设施 Edit a facility',
        params: IdParams,
        body: UpdateFacilityInput,
        response: { 200: FacilityView },
      },
    },
    async (request) =>
      facilityView(db, await updateFacility(db, requireAuth(request).actor, request.params.id, request.body)),
  );

  app.get(
    '/api/v1/org/units/:id/facility-labels',
    {
      schema: {
        tags,
        summary: '打印设施二维码（A4） Print facility QR labels on A4',
        params: IdParams,
        produces: ['text/html'],
        response: { 200: z.string() },
      },
    },
    async (request, reply) => {
      const unit = await facilityUnitFor(db, requireAuth(request).actor, request.params.id, 'manage');
      const trail = (await trailsOf(db, [unit.path])).get(unit.path) ?? [unit.name];
      const page = await labelSheet(
        trail.join(' · '),
        await facilitiesUnder(db, unit.path),
        publicBase(request),
      );
      return reply.type('text/html; charset=utf-8').send(page);
    },
  );

  app.get(
    '/api/v1/facilities/near-me',
    {
      schema: {
        tags,
        summary: '我身边的设施 Facilities around my village, mine first',
        response: { 200: z.array(NearbyFacility) },
      },
    },
    async (request) => facilitiesNearMe(db, requireAuth(request).actor),
  );

  app.get(
    '/api/v1/facilities/by-code/:code',
    {
      schema: {
        tags,
        summary: '扫码所见的设施 The facility a QR code names',
        params: CodeParams,
        response: { 200: ScannedFacility },
      },
    },
    async (request) => {
      const facility = await facilityByCode(db, request.params.code);
      if (!facility) enforce('not_found');
      const f = facility as NonNullable<typeof facility>;
      const info = FACILITY_KIND_INFO[f.kind as FacilityKind];
      const [matter] = await db
        .select({ direct: matters.directToFacilityWorker })
        .from(matters)
        .where(
          and(eq(matters.townId, f.townId), eq(matters.code, info.matterCode), isNull(matters.retiredAt)),
        );
      return {
        code: f.code,
        kind: f.kind as FacilityKind,
        place: f.place,
        trail: (await trailsOf(db, [f.unitPath])).get(f.unitPath) ?? [],
        problems: [...info.problems],
        direct: !!matter?.direct && !!f.workerId,
      };
    },
  );

  app.post(
    '/api/v1/facilities/by-code/:code/reports',
    {
      schema: {
        tags,
        summary: '扫码一键上报 Report a facility in one tap',
        params: CodeParams,
        body: FacilityReportInput,
        response: { 200: FacilityReportResult, 201: FacilityReportResult },
      },
    },
    async (request, reply) => {
      const { user } = requireAuth(request);
      const result = await reportFacility(db, user.id, request.params.code, request.body, {
        perMinute: config.reportsPerMinute,
      });
      return reply.status(result.joined ? 200 : 201).send(result);
    },
  );

  // What the printed QR code holds. Public: a phone camera or WeChat opens it with no session, and
  // the phone app asks the villager to sign in before showing the report page.
  app.get(
    '/q/:code',
    { config: { public: true }, schema: { hide: true, params: CodeParams } },
    async (request, reply) => {
      const code = request.params.code.trim().toUpperCase();
      if (!(await facilityByCode(db, code)))
        return reply.status(404).type('text/html; charset=utf-8').send(unknownFacilityPage(code));
      return reply.redirect(`/mobile/?facility=${encodeURIComponent(code)}`);
    },
  );
}
