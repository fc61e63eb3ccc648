import { REDEMPTION_STATUSES, type RedemptionView } from '@domain/store/schemas';
import { App, Button, Card, Segmented, Space, Table, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { get, post } from '../../api/client';
import { formatDateTime, useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/messages';
import { UnitPicker } from '../org/UnitPicker';
import { ReasonModal } from './ReasonModal';
import { useFail } from './useFail';

const STATUS: Record<RedemptionView['status'], { key: MessageKey; color: string }> = {
  held: { key: 'redemptionHeld', color: 'orange' },
  confirmed: { key: 'redemptionConfirmed', color: 'green' },
  cancelled: { key: 'redemptionCancelled', color: 'default' },
};

/** The redemptions under a unit, the held ones first: hand the goods over and confirm, or cancel with a reason. */
export function RedemptionsPanel({ homeUnitId }: { homeUnitId: string | undefined }) {
  const { t, locale } = useI18n();
  const { modal } = App.useApp();
  const fail = useFail();
  const [unitId, setUnitId] = useState(homeUnitId);
  const [status, setStatus] = useState<RedemptionView['status'] | 'all'>('held');
  const [rows, setRows] = useState<RedemptionView[]>([]);
  const [cancelling, setCancelling] = useState<RedemptionView | null>(null);

  const load = useCallback(async () => {
    if (!unitId) return;
    try {
      const filter = status === 'all' ? '' : `&status=${status}`;
      setRows(await get<RedemptionView[]>(`/store/redemptions?unitId=${unitId}${filter}`));
    } catch (e) {
      fail(e);
    }
  }, [unitId, status, fail]);
  useEffect(() => {
    void load();
  }, [load]);

  const where = (r: RedemptionView) => `${r.household.courtyard} ${r.household.address}`;
  const confirm = (r: RedemptionView) =>
    modal.confirm({
      title: t('confirmHandOver'),
      content: t('confirmHandOverAsk', { item: r.itemName, household: where(r) }),
      okButtonProps: { 'data-testid': 'redemption-confirm-ok' } as never,
      onOk: async () => {
        try {
          await post(`/store/redemptions/${r.id}/confirm`);
        } catch (e) {
          fail(e);
        }
        await load();
      },
    });
  const cancel = async (reason: string) => {
    if (!cancelling) return;
    try {
      await post(`/store/redemptions/${cancelling.id}/cancel`, { reason });
      setCancelling(null);
    } catch (e) {
      fail(e);
    }
    await load();
  };

  return (
    <Card
      title={
        <Space wrap>
          <span style={{ minWidth: 240, display: 'inline-block' }}>
            <UnitPicker value={unitId} onChange={(id) => setUnitId(id)} selectable={() => true} />
          </span>
          <Segmented
            value={status}
            onChange={(v) => setStatus(v as typeof status)}
            options={[
              ...REDEMPTION_STATUSES.map((s) => ({ value: s, label: t(STATUS[s].key) })),
              { value: 'all', label: t('all') },
            ]}
          />
          <Button onClick={() => void load()}>{t('refresh')}</Button>
        </Space>
      }
    >
      <Table<RedemptionView>
        rowKey="id"
        dataSource={rows}
        pagination={{ pageSize: 20 }}
        scroll={{ x: 760 }}
        onRow={(r) => ({ 'data-testid': `redemption-row-${r.id}` }) as never}
        columns={[
          { title: t('itemName'), dataIndex: 'itemName' },
          { title: t('household'), render: (_, r) => where(r) },
          { title: t('price'), dataIndex: 'points' },
          { title: t('redeemedAt'), render: (_, r) => formatDateTime(r.createdAt, locale) },
          {
            title: t('status'),
            render: (_, r) => (
              <Tag color={STATUS[r.status].color} data-testid="redemption-status">
                {t(STATUS[r.status].key)}
                {r.reason ? ` · ${r.reason}` : ''}
              </Tag>
            ),
          },
          {
            title: '',
            render: (_, r) =>
              r.status === 'held' && (
                <Space>
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => confirm(r)}
                    data-testid={`redemption-confirm-${r.id}`}
                  >
                    {t('confirmHandOver')}
                  </Button>
                  <Button
                    size="small"
                    danger
                    onClick={() => setCancelling(r)}
                    data-testid={`redemption-cancel-${r.id}`}
                  >
                    {t('cancelRedemption')}
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      <ReasonModal
        open={!!cancelling}
        title={`${t('cancelRedemption')} · ${cancelling?.itemName ?? ''}`}
        label={t('cancelReason')}
        onSubmit={cancel}
        onClose={() => setCancelling(null)}
      />
    </Card>
  );
}
