import { periodOf } from '@domain/tasks/periods';
import { RANKING_LEVELS, type Ranking, type RankingLevel } from '@domain/tasks/schemas';
import { App, Input, Select, Space, Table } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, get } from '../../api/client';
import { useI18n } from '../../i18n';

/** 考核排名: grid workers, grids, villages or sectors by their mean score in a day, week or month. */
export function RankingsPanel({ unitId }: { unitId: string }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [level, setLevel] = useState<RankingLevel>('grids');
  const [period, setPeriod] = useState(() => periodOf('monthly', new Date()).key);
  const [ranking, setRanking] = useState<Ranking | null>(null);
  const load = useCallback(async () => {
    try {
      setRanking(
        await get<Ranking>(
          `/tasks/rankings?level=${level}&scope=${unitId}&period=${encodeURIComponent(period)}`,
        ),
      );
    } catch (e) {
      void message.error(e instanceof ApiError ? e.messageIn(locale) : String(e));
    }
  }, [level, period, unitId, message, locale]);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Select
          value={level}
          onChange={setLevel}
          style={{ width: 140 }}
          data-testid="ranking-level"
          options={RANKING_LEVELS.map((l) => ({ value: l, label: t(`rankingLevel_${l}`) }))}
        />
        <Input.Search
          defaultValue={period}
          addonBefore={t('period')}
          placeholder="2026-11 / 2026-W48 / 2026-11-29"
          style={{ width: 300 }}
          onSearch={(v) => setPeriod(v.trim())}
          data-testid="ranking-period"
        />
      </Space>
      <Table
        rowKey="key"
        size="middle"
        dataSource={ranking?.rows ?? []}
        pagination={{ pageSize: 50 }}
        data-testid="ranking-table"
        columns={[
          { title: t('rank'), dataIndex: 'rank', width: 70 },
          { title: t('name'), dataIndex: 'name' },
          {
            title: t('averageScore'),
            dataIndex: 'score',
            render: (v: number | null) => (v === null ? '—' : v),
          },
          { title: t('counted'), dataIndex: 'counted' },
          { title: t('assignedCount'), dataIndex: 'assigned' },
          {
            title: t('onTimeRate'),
            dataIndex: 'onTimeRate',
            render: (v: number | null) => (v === null ? '—' : `${v}%`),
          },
        ]}
      />
    </>
  );
}
