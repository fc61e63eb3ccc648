import type { HouseholdPoints, PointEntryView } from '@domain/points/schemas';
import type { HouseholdSummary } from '@domain/registry/schemas';
import { Button, Card, Select, Space, Statistic, Table, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { get, post } from '../../api/client';
import { formatDateTime, useI18n } from '../../i18n';
import { allHouseholds } from '../../registry/api';
import { UnitPicker } from '../org/UnitPicker';
import { ReasonModal } from './ReasonModal';
import { useFail } from './useFail';

/** A household's balance and ledger; the center corrects a mistaken entry by reversing it, with a reason. */
export function LedgerPanel({ canReverse }: { canReverse: boolean }) {
  const { t, locale } = useI18n();
  const fail = useFail();
  const [yardId, setYardId] = useState<string>();
  const [choices, setChoices] = useState<HouseholdSummary[]>([]);
  const [householdId, setHouseholdId] = useState<string>();
  const [ledger, setLedger] = useState<HouseholdPoints | null>(null);
  const [reversing, setReversing] = useState<PointEntryView | null>(null);

  useEffect(() => {
    if (!yardId) return;
    setHouseholdId(undefined);
    setLedger(null);
    void allHouseholds(yardId).then(setChoices).catch(fail);
  }, [yardId, fail]);
  const load = useCallback(async () => {
    if (!householdId) return;
    try {
      setLedger(await get<HouseholdPoints>(`/points/households/${householdId}`));
    } catch (e) {
      fail(e);
    }
  }, [householdId, fail]);
  useEffect(() => {
    void load();
  }, [load]);

  const reverse = async (reason: string) => {
    if (!reversing) return;
    try {
      await post(`/points/entries/${reversing.id}/reverse`, { reason });
      setReversing(null);
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
            <UnitPicker
              value={yardId}
              placeholder={t('chooseCourtyard')}
              onChange={(id) => setYardId(id)}
              selectable={(u) => u.kind === 'courtyard'}
              testId="ledger-courtyard"
            />
          </span>
          <Select
            style={{ minWidth: 260 }}
            data-testid="ledger-household"
            showSearch
            optionFilterProp="label"
            placeholder={t('chooseHousehold')}
            value={householdId}
            onChange={setHouseholdId}
            options={choices.map((h) => ({
              value: h.id,
              label: `${h.address}${h.headName ? ` · ${h.headName}` : ''}`,
            }))}
          />
        </Space>
      }
    >
      {ledger && (
        <>
          <Space size={48} style={{ marginBottom: 16 }}>
            <span data-testid="ledger-available">
              <Statistic title={t('pointsAvailable')} value={ledger.available} />
            </span>
            <Statistic title={t('pointsBalance', { balance: '' })} value={ledger.balance} />
            <Statistic title={t('pointsHeld', { held: '' })} value={ledger.held} />
          </Space>
          <Table<PointEntryView>
            rowKey="id"
            dataSource={ledger.entries}
            pagination={{ pageSize: 20 }}
            scroll={{ x: 760 }}
            onRow={(e) => ({ 'data-testid': `ledger-entry-${e.id}` }) as never}
            columns={[
              { title: t('time'), render: (_, e) => formatDateTime(e.at, locale) },
              {
                title: t('chooseRule'),
                render: (_, e) => (
                  <Space size={4} wrap>
                    {e.reversesEntryId && <Tag color="orange">{t('pointsReversal')}</Tag>}
                    {e.itemName ? t('pointsSpent', { item: e.itemName }) : (e.ruleName ?? e.sourceType)}
                    {e.reversedBy && <Tag>{t('pointsReversed')}</Tag>}
                  </Space>
                ),
              },
              {
                title: t('points'),
                render: (_, e) => (
                  <span style={{ color: e.points > 0 ? '#389e0d' : '#c8102e' }}>
                    {e.points > 0 ? `+${e.points}` : e.points}
                  </span>
                ),
              },
              { title: t('reason'), render: (_, e) => e.reason ?? '—' },
              {
                title: '',
                render: (_, e) =>
                  canReverse &&
                  !e.reversedBy &&
                  !e.reversesEntryId &&
                  e.sourceType !== 'redemption' && (
                    <Button size="small" danger onClick={() => setReversing(e)} data-testid="ledger-reverse">
                      {t('reverse')}
                    </Button>
                  ),
              },
            ]}
          />
        </>
      )}
      <ReasonModal
        open={!!reversing}
        title={`${t('reverse')} · ${reversing?.ruleName ?? ''} ${reversing?.points ?? ''}`}
        label={t('reverseReason')}
        onSubmit={reverse}
        onClose={() => setReversing(null)}
      />
    </Card>
  );
}
