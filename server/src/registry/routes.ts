import { AppError } from '@domain/errors/codes';
import type { Actor } from '@domain/policies/scope';
import { authorizeRegistry } from '@domain/registry/policy';
import {
  HouseholdInput,
  HouseholdSummary,
  HouseholdView,
  ResidentInput,
  ResidentPatch,
  ResidentView,
  RevealEntry,
  RevealInput,
} from '@domain/registry/schemas';
import { Id } from '@domain/shared/schemas';
import { eq } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { households, registryImports } from '../db/schema';
import { requireAuth } from '../platform/authenticate';
import { enforce } from '../platform/enforce';
import type { App, Deps } from '../platform/types';
import { boundHouseholdOf, decideBindRequest, joinByInvite, pendingBindRequests } from './bind';
import { openCorrections, requestCorrection, resolveCorrection } from './corrections';
import { createHousehold } from './createHousehold';
import { addResident, updateResident } from './editResident';
import { registryPages } from './exportRegistry';
import { type ImportRow, startRosterImport } from './importRoster';
import { inviteOf, rotateInvite } from './invites';
import { linkPartyMember, unlinkPartyMember } from './links';
import { householdFor, listHouseholds, registryUnitFor, toHouseholdView, toResidentView } from './queries';
import { revealResidentField } from './reveal';
import { listReveals } from './reveals';
import {
  MAX_ROSTER_BYTES,
  type RejectedRow,
  registryExportStream,
  rejectedWorkbook,
  rosterTemplate,
} from './rosterWorkbook';
import { registrySecrets } from './secrets';

const tags = ['registry'];
const IdParams = z.object({ id: Id });
const UnitQuery = z.object({ unitId: Id });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const RejectedRowView = z.object({
  line: z.number(),
  name: z.string(),
  courtyard: z.string(),
  address: z.string(),
  reasons: z.array(z.object({ code: z.string(), zh: z.string(), en: z.string() })),
});
const ImportView = z.object({
  id: Id,
  filename: z.string(),
  status: z.enum(['validating', 'importing', 'done', 'failed']),
  total: z.number(),
  processed: z.number(),
  imported: z.number(),
  unchanged: z.number(),
  rejected: z.array(RejectedRowView),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
const InviteView = z.object({ courtyardId: Id, code: z.string(), rotatedAt: z.string() });
const BindingView = z.object({
  status: z.enum(['pending', 'bound', 'rejected']),
  via: z.enum(['invite', 'approval']),
  courtyardId: Id,
  householdId: Id.nullable(),
});
const CorrectionView = z.object({
  id: Id,
  householdId: Id,
  address: z.string(),
  courtyard: z.string(),
  requester: z.string(),
  message: z.string(),
  status: z.enum(['open', 'resolved']),
  resolution: z.string().nullable(),
  createdAt: z.string(),
});
const Text = z.string().trim().min(1).max(500);

function toImportView(row: ImportRow): z.infer<typeof ImportView> {
  return {
    id: row.id,
    filename: row.filename,
    status: row.status as z.infer<typeof ImportView>['status'],
    total: row.total,
    processed: row.processed,
    imported: row.imported,
    unchanged: row.unchanged,
    rejected: row.rejected as RejectedRow[],
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

function sendXlsx(reply: FastifyReply, asciiName: string, name: string, body: unknown) {
  return reply
    .type(XLSX)
    .header(
      'content-disposition',
      `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    )
    .send(body);
}

/**
 * The household and resident registry (信息采集). Every list and record is masked; a full ID number
 * or phone comes only from reveal, which writes who, whose, which, when and why.
 */
export function registryRoutes(app: App, { db, config }: Deps) {
  const secrets = registrySecrets(config.registryKey);

  const importFor = async (actor: Actor, id: string) => {
    const [row] = await db.select().from(registryImports).where(eq(registryImports.id, id));
    if (!row) enforce('not_found');
    enforce(authorizeRegistry(actor, 'keep', (row as ImportRow).unitPath));
    return row as ImportRow;
  };

  app.get(
    '/api/v1/registry/households',
    {
      schema: {
        tags,
        summary: '住户列表 Households under a unit',
        querystring: UnitQuery.extend({
          after: Id.optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.array(HouseholdSummary) },
      },
    },
    async (request) => {
      const unit = await registryUnitFor(db, requireAuth(request).actor, request.query.unitId, 'read');
      return listHouseholds(db, unit.path, {
        after: request.query.after ?? null,
        limit: request.query.limit,
      });
    },
  );

  app.post(
    '/api/v1/registry/households',
    {
      schema: {
        tags,
        summary: '新建住户 Register a household',
        body: HouseholdInput.extend({ residents: z.array(ResidentInput).max(30).default([]) }),
        response: { 201: HouseholdView },
      },
    },
    async (request, reply) => {
      const { actor } = requireAuth(request);
      const row = await createHousehold(db, secrets, actor, request.body);
      return reply.status(201).send(await toHouseholdView(db, actor, row));
    },
  );

  app.get(
    '/api/v1/registry/households/:id',
    {
      schema: {
        tags,
        summary: '住户详情（脱敏）A household, masked',
        params: IdParams,
        response: { 200: HouseholdView },
      },
    },
    async (request) => {
      const { actor } = requireAuth(request);
      return toHouseholdView(db, actor, await householdFor(db, actor, request.params.id, 'read'));
    },
  );

  app.post(
    '/api/v1/registry/households/:id/residents',
    {
      schema: {
        tags,
        summary: '添加家庭成员 Add a resident',
        params: IdParams,
        body: ResidentInput,
        response: { 201: ResidentView },
      },
    },
    async (request, reply) => {
      const row = await addResident(db, secrets, requireAuth(request).actor, request.params.id, request.body);
      return reply.status(201).send(toResidentView(row));
    },
  );

  app.post(
    '/api/v1/registry/households/:id/links',
    {
      schema: {
        tags,
        summary: '设置党员联系户 Link a party member to the household',
        params: IdParams,
        body: z.object({ userId: Id }),
        response: { 200: HouseholdView },
      },
    },
    async (request) => {
      const { actor } = requireAuth(request);
      await linkPartyMember(db, actor, request.params.id, request.body.userId);
      return toHouseholdView(db, actor, await householdFor(db, actor, request.params.id, 'read'));
    },
  );

  app.delete(
    '/api/v1/registry/households/:id/links/:userId',
    {
      schema: {
        tags,
        summary: '取消党员联系户 Unlink a party member',
        params: z.object({ id: Id, userId: Id }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await unlinkPartyMember(db, requireAuth(request).actor, request.params.id, request.params.userId);
      return reply.status(204).send(null);
    },
  );

  app.patch(
    '/api/v1/registry/residents/:id',
    {
      schema: {
        tags,
        summary: '修改居民信息 Edit a resident',
        params: IdParams,
        body: ResidentPatch,
        response: { 200: ResidentView },
      },
    },
    async (request) =>
      toResidentView(
        await updateResident(db, secrets, requireAuth(request).actor, request.params.id, request.body),
      ),
  );

  app.post(
    '/api/v1/registry/residents/:id/reveal',
    {
      schema: {
        tags,
        summary: '查看完整号码（须填写事由，留痕）Reveal a full number, with a reason (audited)',
        params: IdParams,
        body: RevealInput,
        response: { 200: z.object({ value: z.string() }) },
      },
    },
    async (request) => ({
      value: await revealResidentField(
        db,
        secrets,
        requireAuth(request).actor,
        request.params.id,
        request.body,
      ),
    }),
  );

  app.get(
    '/api/v1/registry/reveals',
    {
      schema: {
        tags,
        summary: '个人信息查看记录 The log of full reads',
        querystring: UnitQuery.extend({
          before: Id.optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.array(RevealEntry) },
      },
    },
    async (request) =>
      listReveals(db, requireAuth(request).actor, request.query.unitId, {
        before: request.query.before ?? null,
        limit: request.query.limit,
      }),
  );

  app.get(
    '/api/v1/registry/template.xlsx',
    { schema: { tags, summary: '下载住户名册模板 The roster template' } },
    async (request, reply) => {
      const { actor } = requireAuth(request);
      if (!actor.grants.some((g) => authorizeRegistry(actor, 'keep', g.unitPath) === 'allow'))
        throw new AppError('FORBIDDEN');
      return sendXlsx(reply, 'roster-template.xlsx', '住户名册模板.xlsx', await rosterTemplate());
    },
  );

  app.post(
    '/api/v1/registry/imports',
    {
      schema: {
        tags,
        summary: '导入住户名册（multipart，字段 file）Import a roster',
        consumes: ['multipart/form-data'],
        querystring: UnitQuery,
        response: { 202: ImportView },
      },
    },
    async (request, reply) => {
      const { actor } = requireAuth(request);
      if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
      const file = await request.file({ limits: { fileSize: MAX_ROSTER_BYTES, files: 1 } });
      if (!file) throw new AppError('REGISTRY_FILE_INVALID');
      const data = await file.toBuffer().catch(() => {
        throw new AppError('REGISTRY_FILE_TOO_LARGE');
      });
      const { job, done } = await startRosterImport(db, secrets, actor, request.query.unitId, {
        filename: file.filename,
        data,
      });
      done.catch((error: unknown) => request.log.error({ err: error }, 'roster import failed'));
      return reply.status(202).send(toImportView(job));
    },
  );

  app.get(
    '/api/v1/registry/imports/:id',
    {
      schema: {
        tags,
        summary: '导入进度与结果 An import’s progress and report',
        params: IdParams,
        response: { 200: ImportView },
      },
    },
    async (request) => toImportView(await importFor(requireAuth(request).actor, request.params.id)),
  );

  app.get(
    '/api/v1/registry/imports/:id/rejected.xlsx',
    { schema: { tags, summary: '下载未导入的行 The rejected rows as .xlsx', params: IdParams } },
    async (request, reply) => {
      const job = await importFor(requireAuth(request).actor, request.params.id);
      return sendXlsx(
        reply,
        'rejected-rows.xlsx',
        '未导入的行.xlsx',
        await rejectedWorkbook(job.rejected as RejectedRow[]),
      );
    },
  );

  app.get(
    '/api/v1/registry/export.xlsx',
    { schema: { tags, summary: '导出住户名册（脱敏）Export the registry, masked', querystring: UnitQuery } },
    async (request, reply) => {
      const unit = await registryUnitFor(db, requireAuth(request).actor, request.query.unitId, 'read');
      return sendXlsx(
        reply,
        'registry.xlsx',
        `住户名册-${unit.name}.xlsx`,
        registryExportStream(registryPages(db, unit.path)),
      );
    },
  );

  app.get(
    '/api/v1/registry/courtyards/:id/invite',
    {
      schema: {
        tags,
        summary: '小院邀请码 The courtyard’s invite code',
        params: IdParams,
        response: { 200: InviteView },
      },
    },
    async (request) => inviteOf(db, requireAuth(request).actor, request.params.id),
  );

  app.post(
    '/api/v1/registry/courtyards/:id/invite',
    {
      schema: {
        tags,
        summary: '更换邀请码 Rotate the invite code',
        params: IdParams,
        response: { 200: InviteView },
      },
    },
    async (request) => rotateInvite(db, requireAuth(request).actor, request.params.id),
  );

  app.post(
    '/api/v1/registry/join',
    {
      schema: {
        tags,
        summary: '用邀请码绑定住户 Bind to one’s household with an invite code',
        body: z.object({ code: z.string().trim().min(4).max(12) }),
        response: { 200: BindingView },
      },
    },
    async (request) => {
      const { user } = requireAuth(request);
      const row = await joinByInvite(db, secrets, user, request.body.code);
      return toBindingView(row);
    },
  );

  app.get(
    '/api/v1/registry/me',
    {
      schema: {
        tags,
        summary: '我的住户 My household (masked), or my request',
        response: {
          200: z.object({
            binding: BindingView.nullable(),
            boundHousehold: HouseholdView.nullable(),
          }),
        },
      },
    },
    async (request) => {
      const { user } = requireAuth(request);
      const binding = await boundHouseholdOf(db, user.id);
      if (binding?.status !== 'bound' || !binding.householdId)
        return { binding: binding ? toBindingView(binding) : null, boundHousehold: null };
      const [household] = await db.select().from(households).where(eq(households.id, binding.householdId));
      return {
        binding: toBindingView(binding),
        boundHousehold: household ? await toHouseholdView(db, null, household) : null,
      };
    },
  );

  app.get(
    '/api/v1/registry/bind-requests',
    {
      schema: {
        tags,
        summary: '待审核的绑定申请 Binding requests waiting',
        querystring: UnitQuery,
        response: {
          200: z.array(
            z.object({
              id: Id,
              user: z.object({ id: Id, name: z.string(), phone: z.string() }),
              courtyard: z.object({ id: Id, name: z.string() }),
              createdAt: z.string(),
            }),
          ),
        },
      },
    },
    async (request) => pendingBindRequests(db, requireAuth(request).actor, request.query.unitId),
  );

  app.post(
    '/api/v1/registry/bind-requests/:id/decide',
    {
      schema: {
        tags,
        summary: '审核绑定申请 Approve or turn down a binding request',
        params: IdParams,
        body: z.discriminatedUnion('approve', [
          z.object({ approve: z.literal(true), householdId: Id }),
          z.object({ approve: z.literal(false) }),
        ]),
        response: { 200: BindingView },
      },
    },
    async (request) =>
      toBindingView(await decideBindRequest(db, requireAuth(request).actor, request.params.id, request.body)),
  );

  app.post(
    '/api/v1/registry/corrections',
    {
      schema: {
        tags,
        summary: '申请更正我的住户信息 Ask for a correction of my household’s record',
        body: z.object({ message: Text }),
        response: { 201: z.object({ id: Id }) },
      },
    },
    async (request, reply) => {
      const row = await requestCorrection(db, requireAuth(request).user.id, request.body.message);
      return reply.status(201).send({ id: row.id });
    },
  );

  app.get(
    '/api/v1/registry/corrections',
    {
      schema: {
        tags,
        summary: '待处理的更正申请 Open correction requests',
        querystring: UnitQuery,
        response: { 200: z.array(CorrectionView) },
      },
    },
    async (request) => openCorrections(db, requireAuth(request).actor, request.query.unitId),
  );

  app.post(
    '/api/v1/registry/corrections/:id/resolve',
    {
      schema: {
        tags,
        summary: '处理更正申请 Resolve a correction request',
        params: IdParams,
        body: z.object({ resolution: Text }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await resolveCorrection(db, requireAuth(request).actor, request.params.id, request.body.resolution);
      return reply.status(204).send(null);
    },
  );
}

function toBindingView(row: {
  status: string;
  via: string;
  courtyardId: string;
  householdId: string | null;
}): z.infer<typeof BindingView> {
  return {
    status: row.status as z.infer<typeof BindingView>['status'],
    via: row.via as z.infer<typeof BindingView>['via'],
    courtyardId: row.courtyardId,
    householdId: row.householdId,
  };
}
