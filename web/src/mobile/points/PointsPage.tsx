import type { MyPoints } from '@domain/points/schemas';
import type { MyStore, StoreItemView } from '@domain/store/schemas';
import {
  Button,
  Card,
  Dialog,
  ErrorBlock,
  Grid,
  Image,
  List,
  NavBar,
  PullToRefresh,
  SpinLoading,
  Tabs,
  Tag,
  Toast,
} from 'antd-mobile';
import { GiftOutline } from 'antd-mobile-icons';
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../api/client';
import { formatDateTime, useI18n } from '../../i18n';
import {
  entryTitle,
  myPoints,
  myStore,
  REDEMPTION_STATUS,
  redeemItem,
  settleKnownRedemptions,
  settleRedemption,
} from './api';

type Tab = 'points' | 'store' | 'redemptions';

/**
 * 积分 on a resident's phone: the household's points (what can be spent, what redemptions hold), its
 * history, the village's points store (积分超市) and the household's redemptions.
 */
export function PointsPage({ onBack }: { onBack(): void }) {
  const { t, locale } = useI18n();
  const [points, setPoints] = useState<MyPoints | null>(null);
  const [store, setStore] = useState<MyStore | null>(null);
  const [tab, setTab] = useState<Tab>('points');
  const [busyItem, setBusyItem] = useState<string | null>(null);
  const [failed, setFailed] = useState<ApiError | null>(null);

  const load = useCallback(async () => {
    try {
      const [p, s] = await Promise.all([myPoints(), myStore()]);
      setPoints(p);
      setStore(s);
      settleKnownRedemptions(s.redemptions.map((r) => r.id));
      setFailed(null);
    } catch (e) {
      if (e instanceof ApiError) setFailed(e);
      else throw e;
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const redeem = async (item: StoreItemView) => {
    setBusyItem(item.id);
    try {
      for (;;) {
        try {
          await redeemItem(item.id);
          settleRedemption(item.id);
          Toast.show({ icon: 'success', content: t('redeemed') });
          setTab('redemptions');
          return;
        } catch (e) {
          if (e instanceof ApiError && e.status === 0) {
            // Perhaps only the answer was lost: the id is kept, so a retry is this same redemption.
            const again = await Dialog.confirm({
              content: t('redeemRetry'),
              confirmText: t('retry'),
              cancelText: t('cancel'),
            });
            if (again) continue;
            return;
          }
          settleRedemption(item.id);
          await Dialog.alert({
            content: e instanceof ApiError ? e.messageIn(locale) : String(e),
            confirmText: t('ok'),
          });
          return;
        }
      }
    } finally {
      setBusyItem(null);
      await load();
    }
  };

  const ask = (item: StoreItemView) =>
    Dialog.show({
      content: (
        <div data-testid="m-redeem-confirm-text">
          {t('redeemConfirm', { points: item.price, item: item.name })}
        </div>
      ),
      closeOnAction: true,
      actions: [
        [
          { key: 'cancel', text: t('cancel') },
          {
            key: 'ok',
            text: t('redeem'),
            bold: true,
            onClick: () => void redeem(item),
          },
        ],
      ],
    });

  if (failed)
    return (
      <div>
        <NavBar onBack={onBack}>{t('points')}</NavBar>
        <ErrorBlock status="disconnected" title={failed.messageIn(locale)} description="">
          <Button color="primary" onClick={() => void load()}>
            {t('retry')}
          </Button>
        </ErrorBlock>
      </div>
    );
  if (!points || !store)
    return (
      <div>
        <NavBar onBack={onBack}>{t('points')}</NavBar>
        <div style={{ display: 'flex', justifyContent: 'center', paddingTop: 80 }}>
          <SpinLoading color="primary" />
        </div>
      </div>
    );
  if (!points.bound || !points.points)
    return (
      <div>
        <NavBar onBack={onBack}>{t('points')}</NavBar>
        <ErrorBlock
          status="empty"
          title={t('pointsNotBound')}
          description=""
          data-testid="m-points-unbound"
        />
      </div>
    );

  const mine = points.points;
  return (
    <div style={{ paddingBottom: 24 }}>
      <NavBar onBack={onBack}>{t('points')}</NavBar>
      <Card style={{ margin: 12, background: '#c8102e', color: '#fff' }}>
        <div style={{ fontSize: 14, opacity: 0.9 }}>{t('pointsAvailable')}</div>
        <div style={{ fontSize: 40, fontWeight: 700, lineHeight: 1.2 }} data-testid="m-points-available">
          {mine.available}
        </div>
        <div style={{ fontSize: 13, opacity: 0.9, display: 'flex', flexWrap: 'wrap', gap: 12 }}>
          <span data-testid="m-points-balance">{t('pointsBalance', { balance: mine.balance })}</span>
          <span data-testid="m-points-held">{t('pointsHeld', { held: mine.held })}</span>
        </div>
      </Card>
      <Tabs activeKey={tab} onChange={(k) => setTab(k as Tab)}>
        <Tabs.Tab title={t('pointsHistory')} key="points" />
        <Tabs.Tab title={t('pointsStore')} key="store" />
        <Tabs.Tab title={t('myRedemptions')} key="redemptions" />
      </Tabs>
      <PullToRefresh onRefresh={load}>
        {tab === 'points' &&
          (mine.entries.length === 0 ? (
            <ErrorBlock status="empty" title={t('pointsNone')} description="" />
          ) : (
            <List data-testid="m-points-entries">
              {mine.entries.map((e) => (
                <List.Item
                  key={e.id}
                  data-testid={`m-points-entry-${e.id}`}
                  description={
                    <>
                      {formatDateTime(e.at, locale)}
                      {e.reason ? ` · ${e.reason}` : ''}
                    </>
                  }
                  extra={
                    <span
                      style={{ fontSize: 18, fontWeight: 600, color: e.points > 0 ? '#389e0d' : '#c8102e' }}
                    >
                      {e.points > 0 ? `+${e.points}` : e.points}
                    </span>
                  }
                >
                  {entryTitle(e, t)}
                  {e.reversedBy && (
                    <Tag color="default" style={{ marginLeft: 6 }}>
                      {t('pointsReversed')}
                    </Tag>
                  )}
                </List.Item>
              ))}
            </List>
          ))}
        {tab === 'store' &&
          (store.items.length === 0 ? (
            <ErrorBlock status="empty" title={t('storeEmpty')} description="" />
          ) : (
            <Grid columns={2} gap={8} style={{ padding: 12 }}>
              {store.items.map((item) => {
                const short = mine.available < item.price;
                return (
                  <Grid.Item key={item.id}>
                    <Card
                      style={{ height: '100%' }}
                      bodyStyle={{ padding: 8 }}
                      data-testid={`m-store-item-${item.name}`}
                    >
                      {item.photoId ? (
                        <Image
                          src={`/api/v1/photos/${item.photoId}/thumb`}
                          fit="cover"
                          lazy
                          style={{ width: '100%', aspectRatio: '1', borderRadius: 6 }}
                        />
                      ) : (
                        <div
                          aria-hidden
                          style={{
                            width: '100%',
                            aspectRatio: '1',
                            borderRadius: 6,
                            background: '#fff5f5',
                            color: '#c8102e',
                            fontSize: 48,
                            display: 'flex',
                            alignItems: 'center',
                            justifyContent: 'center',
                          }}
                        >
                          <GiftOutline />
                        </div>
                      )}
                      <div style={{ fontSize: 16, fontWeight: 600, marginTop: 6, wordBreak: 'break-word' }}>
                        {item.name}
                      </div>
                      <div style={{ color: '#c8102e', fontWeight: 600 }}>
                        {t('pointsUnit', { points: item.price })}
                      </div>
                      <div style={{ color: '#999', fontSize: 13 }} data-testid="m-store-stock">
                        {item.stock > 0 ? t('stockLeft', { stock: item.stock }) : t('soldOut')}
                      </div>
                      <Button
                        block
                        size="small"
                        color="primary"
                        style={{ marginTop: 6 }}
                        disabled={item.stock === 0 || short}
                        loading={busyItem === item.id}
                        onClick={() => {
                          ask(item);
                        }}
                        data-testid="m-store-redeem"
                      >
                        {item.stock === 0 ? t('soldOut') : short ? t('notEnoughPoints') : t('redeem')}
                      </Button>
                    </Card>
                  </Grid.Item>
                );
              })}
            </Grid>
          ))}
        {tab === 'redemptions' &&
          (store.redemptions.length === 0 ? (
            <ErrorBlock status="empty" title={t('redemptionsNone')} description="" />
          ) : (
            <List>
              {store.redemptions.map((r) => {
                const status = REDEMPTION_STATUS[r.status];
                return (
                  <List.Item
                    key={r.id}
                    data-testid={`m-redemption-${r.id}`}
                    description={`${formatDateTime(r.createdAt, locale)} · ${t('pointsUnit', { points: r.points })}${r.reason ? ` · ${r.reason}` : ''}`}
                    extra={
                      <Tag color={status.color} data-testid="m-redemption-status">
                        {t(status.key)}
                      </Tag>
                    }
                  >
                    {r.itemName}
                  </List.Item>
                );
              })}
            </List>
          ))}
      </PullToRefresh>
    </div>
  );
}
