import { formatRate, type KpiPanel as Kpi } from '@domain/cases/kpi';
import { Card, Col, Row, Segmented, Statistic, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { get } from '../../api/client';
import { formatNumber, useI18n } from '../../i18n';

type Period = 'day' | 'week' | 'month';
const LABELS = {
  received: ['受理量（上报）', 'Received'],
  accepted: ['受理', 'Accepted'],
  closed: ['办结', 'Closed'],
  onTimeRate: ['按期办结率', 'On-time rate'],
  satisfactionRate: ['群众满意率', 'Satisfaction'],
  reworkRate: ['返工率', 'Rework rate'],
  grassrootsResolutionRate: [
    '矛盾纠纷基层化解率（含院落调解）',
    'Disputes settled locally (incl. courtyard mediation)',
  ],
  overdueNow: ['当前超期', 'Overdue now'],
} as const satisfies Record<keyof Kpi, readonly [string, string]>;
const RATES = new Set<keyof Kpi>([
  'onTimeRate',
  'satisfactionRate',
  'reworkRate',
  'grassrootsResolutionRate',
]);

/** The KPI panel: every figure is computed by the pure formulas in domain/, for this period and the last. */
export function KpiPanel({ unitId, refreshKey }: { unitId: string; refreshKey: number }) {
  const { locale } = useI18n();
  const [period, setPeriod] = useState<Period>('month');
  const [data, setData] = useState<{ current: Kpi; previous: Kpi } | null>(null);

  // refreshKey changes when a case on the page changes: the figures are fetched again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: refreshKey is the refetch trigger
  useEffect(() => {
    void get<{ current: Kpi; previous: Kpi }>(`/kpi?unitId=${unitId}&period=${period}`)
      .then(setData)
      .catch(() => setData(null));
  }, [unitId, period, refreshKey]);

  const show = (key: keyof Kpi, v: number | null) =>
    RATES.has(key) ? formatRate(v, locale) : formatNumber(v ?? 0, locale);
  const i = locale === 'en' ? 1 : 0;
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      title={locale === 'en' ? 'Indicators' : '指标面板'}
      extra={
        <Segmented
          size="small"
          value={period}
          onChange={(v) => setPeriod(v as Period)}
          options={[
            { value: 'day', label: locale === 'en' ? 'Today' : '今日' },
            { value: 'week', label: locale === 'en' ? 'This week' : '本周' },
            { value: 'month', label: locale === 'en' ? 'This month' : '本月' },
          ]}
        />
      }
    >
      <Row gutter={[16, 8]} data-testid="kpi-panel">
        {(Object.keys(LABELS) as (keyof Kpi)[]).map((key) => (
          <Col key={key} xs={12} md={6} xl={3}>
            <Statistic
              title={LABELS[key][i]}
              value={data ? show(key, data.current[key]) : '…'}
              valueStyle={{ fontSize: 22 }}
              data-testid={`kpi-${key}`}
            />
            {data && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {locale === 'en' ? 'previous ' : '上期 '}
                {show(key, data.previous[key])}
              </Typography.Text>
            )}
          </Col>
        ))}
      </Row>
    </Card>
  );
}
