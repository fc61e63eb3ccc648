import type { Me } from '@domain/auth/schemas';
import { formatRate } from '@domain/cases/kpi';
import { SECTOR_LABELS, type SectorKind } from '@domain/org/kinds';
import type { Figure, RankedRow, RankingSection, ReportBody, ReportKind } from '@domain/reports/report';
import { RANKING_LEVELS } from '@domain/tasks/schemas';
import { App, Button, Card, Empty, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, get, post } from '../../api/client';
import { formatDateTime, useI18n } from '../../i18n';
import './print.css';

const OFFICIALS = ['admin', 'district_supervisor', 'center_operator'];

interface SnapshotSummary {
  id: string;
  kind: ReportKind;
  periodFrom: string;
  periodTo: string;
  version: number;
  generatedAt: string;
  generatedBy: string | null;
  complete: boolean;
  title: string;
}
type SnapshotView = SnapshotSummary & { body: ReportBody };

/** 通报总结: the day, week and month reports of the official's own town (or the district). */
export default function ReportsPage({ me }: { me: Me }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const unitId = me.grants.find((g) => OFFICIALS.includes(g.role))?.unitId;
  const [kind, setKind] = useState<ReportKind>('week');
  const [items, setItems] = useState<SnapshotSummary[] | null>(null);
  const [open, setOpen] = useState<SnapshotView | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    if (!unitId) return;
    const res = await get<{ items: SnapshotSummary[] }>(`/reports?unitId=${unitId}&kind=${kind}`);
    setItems(res.items);
  }, [unitId, kind]);
  useEffect(() => {
    void load();
  }, [load]);

  const show = async (id: string) => setOpen(await get<SnapshotView>(`/reports/${id}`));
  const generate = async (current: boolean) => {
    setBusy(true);
    try {
      const view = await post<SnapshotView>('/reports', {
        unitId,
        kind,
        ...(current ? { at: new Date().toISOString() } : {}),
      });
      await load();
      setOpen(view);
    } catch (e) {
      void message.error(e instanceof ApiError ? e.messageIn(locale) : String(e));
    } finally {
      setBusy(false);
    }
  };

  if (open) return <ReportDocument view={open} onBack={() => setOpen(null)} />;
  return (
    <Card
      title={t('reports')}
      extra={
        <Space wrap>
          <Button onClick={() => void generate(false)} loading={busy} data-testid="report-generate-last">
            {t('reportGenerateLast')}
          </Button>
          <Button
            type="primary"
            onClick={() => void generate(true)}
            loading={busy}
            data-testid="report-generate"
          >
            {t('reportGenerateCurrent')}
          </Button>
        </Space>
      }
    >
      <Segmented
        value={kind}
        onChange={(v) => setKind(v as ReportKind)}
        options={[
          { value: 'day', label: t('reportKind_day') },
          { value: 'week', label: t('reportKind_week') },
          { value: 'month', label: t('reportKind_month') },
        ]}
        style={{ marginBottom: 16 }}
        data-testid="report-kind"
      />
      <Table<SnapshotSummary>
        rowKey="id"
        loading={items === null}
        dataSource={items ?? []}
        pagination={false}
        locale={{ emptyText: <Empty description={t('reportNone')} /> }}
        onRow={(r) => ({ onClick: () => void show(r.id), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: t('reportTitle'),
            dataIndex: 'title',
            render: (v: string) => <Typography.Link>{v}</Typography.Link>,
          },
          {
            title: t('reportVersion'),
            dataIndex: 'version',
            render: (v: number, r) => (
              <Space>
                v{v}
                {!r.complete && <Tag color="orange">{t('reportPartial')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('reportGeneratedAt'),
            dataIndex: 'generatedAt',
            render: (v: string, r) =>
              `${formatDateTime(v, locale)} · ${r.generatedBy ? t('reportByStaff') : t('reportBySchedule')}`,
          },
        ]}
      />
    </Card>
  );
}

function FigureCells({ f, rate }: { f: Figure; rate?: boolean }) {
  const { locale } = useI18n();
  const show = (v: number | null) =>
    rate ? formatRate(v, locale) : v === null ? '—' : String(Math.round(v * 10) / 10);
  const delta =
    f.delta === null
      ? '—'
      : rate
        ? `${f.delta > 0 ? '+' : ''}${(f.delta * 100).toFixed(1)} pt`
        : `${f.delta > 0 ? '+' : ''}${Math.round(f.delta * 10) / 10}`;
  return (
    <>
      <td>{show(f.value)}</td>
      <td>{show(f.previous)}</td>
      <td>{delta}</td>
    </>
  );
}

/** One report as a page that prints on A4: the figures, the breakdowns, the supervised list, the tasks. */
function ReportDocument({ view, onBack }: { view: SnapshotView; onBack(): void }) {
  const { t, locale, pick } = useI18n();
  const b = view.body;
  const rows: [string, Figure, boolean][] = [
    [t('reportReceived'), b.kpi.received, false],
    [t('reportAccepted'), b.kpi.accepted, false],
    [t('reportClosed'), b.kpi.closed, false],
    [t('reportOnTime'), b.kpi.onTimeRate, true],
    [t('reportSatisfaction'), b.kpi.satisfactionRate, true],
    [t('reportRework'), b.kpi.reworkRate, true],
    [t('reportGrassroots'), b.kpi.grassrootsResolutionRate, true],
    [t('reportOverdue'), b.kpi.overdue, false],
    [t('reportSupervisionPlaced'), b.supervision.placed, false],
    [t('reportSupervisionClosed'), b.supervision.closed, false],
    [t('reportSupervisionOverdue'), b.supervision.overdue, false],
    [t('reportTasksDue'), b.tasks.due, false],
    [t('reportTasksOnTime'), b.tasks.completedOnTime, false],
    [t('reportTasksRate'), b.tasks.completionRate, true],
    [t('reportTasksScore'), b.tasks.averageScore, false],
  ];
  const sectorName = (s: string) => (s in SECTOR_LABELS ? pick(SECTOR_LABELS[s as SectorKind]) : s);
  return (
    <div className="xy-report">
      <Space className="xy-no-print" style={{ marginBottom: 16 }}>
        <Button onClick={onBack}>{t('back')}</Button>
        <Button onClick={() => window.print()}>{t('reportPrint')}</Button>
        <Button type="primary" href={`/api/v1/reports/${view.id}/xlsx`} data-testid="report-xlsx">
          {t('reportDownload')}
        </Button>
      </Space>
      <article className="xy-report-page" data-testid="report-page">
        <Typography.Title level={3} style={{ textAlign: 'center' }}>
          {view.title}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          {t('reportGeneratedAt')} {formatDateTime(view.generatedAt, locale)} · v{view.version}
          {!view.complete && ` · ${t('reportPartial')}`}
        </Typography.Paragraph>
        <h4>{t('reportFigures')}</h4>
        <table className="xy-report-table" data-testid="report-figures">
          <thead>
            <tr>
              <th>{t('reportFigure')}</th>
              <th>{t('reportThisPeriod')}</th>
              <th>{t('reportPreviousPeriod')}</th>
              <th>{t('reportChange')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([label, f, rate]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <FigureCells f={f} rate={rate} />
              </tr>
            ))}
          </tbody>
        </table>
        <h4>{t('reportBySector')}</h4>
        <BreakdownTable
          heading={t('sector')}
          rows={b.bySector.map((r) => ({ key: r.sector, name: sectorName(r.sector), ...r }))}
        />
        <h4>{t('reportByMatter')}</h4>
        <BreakdownTable heading={t('reportMatter')} rows={b.byMatter.map((r) => ({ key: r.code, ...r }))} />
        <h4>{t('supervisionList')}</h4>
        {b.supervision.list.length === 0 ? (
          <p>{t('reportNothing')}</p>
        ) : (
          <table className="xy-report-table">
            <tbody>
              {b.supervision.list.map((s) => (
                <tr key={s.id}>
                  <td>{s.level === 'district' ? '区级督办' : '镇级督办'}</td>
                  <td>{s.requiredOutcome}</td>
                  <td>{formatDateTime(s.dueAt, locale)}</td>
                  <td>
                    {s.status === 'closed'
                      ? t('supervisionClosed')
                      : s.overdue
                        ? t('supervisionOverdue')
                        : t('supervisionOpen')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h4>{t('reportTaskScores')}</h4>
        {b.tasks.top.length === 0 ? (
          <p>{t('reportNothing')}</p>
        ) : (
          <table className="xy-report-table" data-testid="report-task-scores">
            <tbody>
              {b.tasks.top.map((s) => (
                <tr key={`${s.assigneeName}-${s.percent}`}>
                  <th scope="row">{s.assigneeName}</th>
                  <td>{s.percent.toFixed(1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {b.rankings && <ReportRankings rankings={b.rankings} />}
      </article>
    </div>
  );
}

/** Received and closed per sector or matter, each beside the previous period. */
function BreakdownTable({
  heading,
  rows,
}: {
  heading: string;
  rows: { key: string; name: string; received: Figure; closed: Figure }[];
}) {
  const { t } = useI18n();
  return (
    <table className="xy-report-table">
      <thead>
        <tr>
          <th>{heading}</th>
          <th>{t('reportReceived')}</th>
          <th>{t('reportPreviousPeriod')}</th>
          <th>{t('reportClosed')}</th>
          <th>{t('reportPreviousPeriod')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.name}</th>
            <td>{r.received.value}</td>
            <td>{r.received.previous}</td>
            <td>{r.closed.value}</td>
            <td>{r.closed.previous}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The rankings of the four levels; a snapshot made before rankings were reported has none to show. */
function ReportRankings({ rankings }: { rankings: NonNullable<ReportBody['rankings']> }) {
  const { t } = useI18n();
  return (
    <section data-testid="report-rankings">
      <h4>{t('reportRankings')}</h4>
      {RANKING_LEVELS.map((level) => (
        <RankingTable
          key={level}
          level={level}
          title={t('reportRankingTotal', { level: t(`rankingLevel_${level}`), n: rankings[level].total })}
          section={rankings[level]}
        />
      ))}
    </section>
  );
}

/** One level's ranking as the report keeps it: the head, then the last three, each beside last period. */
function RankingTable({ level, title, section }: { level: string; title: string; section: RankingSection }) {
  const { t } = useI18n();
  const score = (v: number | null) => (v === null ? '—' : v.toFixed(1));
  // A fall in rank number is a rise in the ranking.
  const move = (f: Figure) =>
    f.delta === null || f.delta === 0 ? '' : f.delta < 0 ? ` ↑${-f.delta}` : ` ↓${f.delta}`;
  const line = (r: RankedRow) => (
    <tr key={r.key}>
      <td>
        {r.rank.value}
        {move(r.rank)}
      </td>
      <th scope="row">{r.name}</th>
      <td>{score(r.score.value)}</td>
      <td>{r.rank.previous === null ? '—' : `${r.rank.previous} / ${score(r.score.previous)}`}</td>
      <td>{r.onTimeRate === null ? '—' : `${r.onTimeRate.toFixed(1)}%`}</td>
    </tr>
  );
  return (
    <>
      <h5 className="xy-report-subhead">{title}</h5>
      {section.total === 0 ? (
        <p>{t('reportNothing')}</p>
      ) : (
        <table className="xy-report-table xy-report-ranking" data-testid={`report-ranking-${level}`}>
          <thead>
            <tr>
              <th>{t('rank')}</th>
              <th>{t('reportRankingName')}</th>
              <th>{t('averageScore')}</th>
              <th>{t('reportRankingPrevious')}</th>
              <th>{t('onTimeRate')}</th>
            </tr>
          </thead>
          <tbody>
            {section.top.map(line)}
            {section.bottom.length > 0 && (
              <tr>
                <th colSpan={5}>{t('reportRankingBottom')}</th>
              </tr>
            )}
            {section.bottom.map(line)}
          </tbody>
        </table>
      )}
    </>
  );
}
