import { Id } from '@domain/shared/schemas';
import {
  CancelInput,
  MyStore,
  REDEMPTION_STATUSES,
  RedeemInput,
  RedemptionView,
  StoreItemInput,
  StoreItemPatch,
  StoreItemView,
} from '@domain/store/schemas';
import { z } from 'zod';
import { requireAuth } from '../platform/authenticate';
import type { App, Deps } from '../platform/types';
import { cancelRedemption, confirmRedemption } from './decide';
import { editStoreItem } from './editItem';
import { createStoreItem, storeItemsAt, toItemView } from './items';
import { myStore, redemptionsAt, toRedemptionView } from './queries';
import { redeem } from './redeem';

const tags = ['store'];
const IdParams = z.object({ id: Id });

/** 积分超市: a village's goods, redemptions held on the phone, confirmed or cancelled by staff. */
export function storeRoutes(app: App, { db }: Deps) {
  app.get(
    '/api/v1/store/items',
    {
      schema: {
        tags,
        summary: '村积分超市的商品 Goods of a village points store',
        querystring: z.object({ unitId: Id }),
        response: { 200: z.array(StoreItemView) },
      },
    },
    async (request) => storeItemsAt(db, requireAuth(request).actor, request.query.unitId),
  );

  app.get(
    '/api/v1/store/mine',
    {
      schema: {
        tags,
        summary: '我村的积分超市与我家的兑换 My village store and my household redemptions',
        response: { 200: MyStore },
      },
    },
    async (request) => myStore(db, requireAuth(request).user.id),
  );

  app.post(
    '/api/v1/store/items',
    {
      schema: {
        tags,
        summary: '上架商品 Add an item',
        body: StoreItemInput,
        response: { 201: StoreItemView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(toItemView(await createStoreItem(db, requireAuth(request).actor, request.body))),
  );

  app.patch(
    '/api/v1/store/items/:id',
    {
      schema: {
        tags,
        summary: '补货、调价或下架 Restock, reprice or take an item off the shelf',
        params: IdParams,
        body: StoreItemPatch,
        response: { 200: StoreItemView },
      },
    },
    async (request) =>
      toItemView(await editStoreItem(db, requireAuth(request).actor, request.params.id, request.body)),
  );

  app.post(
    '/api/v1/store/redemptions',
    {
      schema: {
        tags,
        summary: '兑换商品（冻结积分与库存）Redeem an item: points and stock are held',
        body: RedeemInput,
        response: { 201: RedemptionView },
      },
    },
    async (request, reply) => {
      const row = await redeem(db, requireAuth(request).user.id, request.body);
      return reply.status(201).send(await toRedemptionView(db, row.id));
    },
  );

  app.get(
    '/api/v1/store/redemptions',
    {
      schema: {
        tags,
        summary: '兑换记录 Redemptions at or under a unit',
        querystring: z.object({ unitId: Id, status: z.enum(REDEMPTION_STATUSES).optional() }),
        response: { 200: z.array(RedemptionView) },
      },
    },
    async (request) =>
      redemptionsAt(db, requireAuth(request).actor, request.query.unitId, request.query.status),
  );

  app.post(
    '/api/v1/store/redemptions/:id/confirm',
    {
      schema: {
        tags,
        summary: '确认领取（扣减积分）Goods handed over: the points are spent',
        params: IdParams,
        response: { 200: RedemptionView },
      },
    },
    async (request) => {
      const row = await confirmRedemption(db, requireAuth(request).actor, request.params.id);
      return toRedemptionView(db, row.id);
    },
  );

  app.post(
    '/api/v1/store/redemptions/:id/cancel',
    {
      schema: {
        tags,
        summary: '取消兑换（释放积分与库存）Cancel: points and stock are released',
        params: IdParams,
        body: CancelInput,
        response: { 200: RedemptionView },
      },
    },
    async (request) => {
      const row = await cancelRedemption(
        db,
        requireAuth(request).actor,
        request.params.id,
        request.body.reason,
      );
      return toRedemptionView(db, row.id);
    },
  );
}
