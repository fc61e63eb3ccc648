import { formatRate, type KpiPanel } from '@domain/cases/kpi';
import type { CaseMap, CaseSummary } from '@domain/cases/schemas';
import { CASE_STATUS_LABELS } from '@domain/cases/states';
import { type CaseTrends, msUntilNextShanghaiDay } from '@domain/cases/trends';
import { SECTOR_LABELS } from '@domain/org/kinds';
import { useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, get } from '../api/client';
import { formatNumber, type Locale, useI18n } from '../i18n';
import type { MessageKey } from '../i18n/messages';
import { Chart, type ChartOption } from './Chart';
import { type FeedStatus, LiveFeed } from './liveFeed';
import { Refresher } from './refresher';
import { ScreenMap } from './ScreenMap';

/** The design size; the whole stage is scaled to fit whatever screen it is shown on. */
export const STAGE = { width: 1920, height: 1080 };
/** The feed shows this many of the newest cases and of the overdue ones; nothing else accumulates. */
export const FEED_NEWEST = 5;
export const FEED_OVERDUE = 3;
const TREND_DAYS = 30;

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
const TOP_GRIDS = 10;

/**
 * How soon after an event each part is re-read, and how often regardless: the feed at once, the map
 * soon, the counted figures a little later (they move slowly and cost more), and all on a slow timer
 * so that a screen whose stream is quietly stuck is never more than minutes behind.
 */
const SCHEDULE = {
  feed: { coalesceMs: 500, periodMs: 60_000 },
  map: { coalesceMs: 1_500, periodMs: 120_000 },
  kpi: { coalesceMs: 3_000, periodMs: 300_000 },
  trends: { coalesceMs: 5_000, periodMs: 300_000 },
} as const;

/**
 * How long after midnight in Chongqing the day's figures are re-read: a screen whose clock runs a few
 * seconds ahead of the server's would otherwise read the old day once more and wait for the timer.
 */
const DAY_TURN_DELAY_MS = 10_000;

interface Figures {
  day: KpiPanel;
  month: KpiPanel;
}

const AXIS = { axisLabel: { color: '#9cc3ff', fontSize: 16 }, axisLine: { lineStyle: { color: '#1c3d78' } } };
const SPLIT = { splitLine: { lineStyle: { color: 'rgba(28, 61, 120, 0.5)' } } };
const LEGEND = { textStyle: { color: '#cfe3ff', fontSize: 16 }, top: 4, right: 8 };

export function WallScreen({ unitId }: { unitId: string }) {
  const { t, locale, setLocale, pick } = useI18n();
  const [scale, setScale] = useState(1);
  const [status, setStatus] = useState<FeedStatus>('connecting');
  const [figures, setFigures] = useState<Figures | null>(null);
  const [trends, setTrends] = useState<CaseTrends | null>(null);
  const [map, setMap] = useState<CaseMap | null>(null);
  const [feed, setFeed] = useState<{ newest: CaseSummary[]; overdue: CaseSummary[]; fresh: Set<string> }>({
    newest: [],
    overdue: [],
    fresh: new Set(),
  });
  const seen = useRef<Set<string> | null>(null);
  const [denied, setDenied] = useState(false);

  useEffect(() => {
    const fitStage = () =>
      setScale(Math.min(window.innerWidth / STAGE.width, window.innerHeight / STAGE.height));
    fitStage();
    window.addEventListener('resize', fitStage);
    return () => window.removeEventListener('resize', fitStage);
  }, []);

  useEffect(() => {
    const q = `unitId=${encodeURIComponent(unitId)}`;
    const feedRefresher = new Refresher(
      async () => {
        const [newest, overdue] = await Promise.all([
          get<Page<CaseSummary>>(`/cases?${q}&limit=${FEED_NEWEST}`),
          get<Page<CaseSummary>>(`/cases?${q}&overdue=true&limit=${FEED_OVERDUE}`),
        ]);
        const ids = new Set([...newest.items, ...overdue.items].map((c) => c.id));
        // Fresh: on this screen for the first time since the last read (never on the first read).
        const before = seen.current;
        const fresh = new Set(before ? [...ids].filter((id) => !before.has(id)) : []);
        seen.current = ids;
        setFeed({ newest: newest.items, overdue: overdue.items, fresh });
      },
      SCHEDULE.feed.coalesceMs,
      SCHEDULE.feed.periodMs,
    );
    const mapRefresher = new Refresher(
      async () => setMap(await get<CaseMap>(`/cases/map?${q}`)),
      SCHEDULE.map.coalesceMs,
      SCHEDULE.map.periodMs,
    );
    const kpiRefresher = new Refresher(
      async () => {
        const [day, month] = await Promise.all([
          get<{ current: KpiPanel }>(`/kpi?${q}&period=day`),
          get<{ current: KpiPanel }>(`/kpi?${q}&period=month`),
        ]);
        setFigures({ day: day.current, month: month.current });
      },
      SCHEDULE.kpi.coalesceMs,
      SCHEDULE.kpi.periodMs,
    );
    const trendRefresher = new Refresher(
      async () => {
        try {
          setTrends(await get<CaseTrends>(`/cases/trends?${q}&days=${TREND_DAYS}&top=${TOP_GRIDS}`));
        } catch (e) {
          // A unit outside the viewer's area (a mistyped ?unit=): say so, and stop knocking.
          if (e instanceof ApiError && (e.status === 403 || e.status === 404)) stopAll();
          throw e;
        }
      },
      SCHEDULE.trends.coalesceMs,
      SCHEDULE.trends.periodMs,
    );
    const all = [feedRefresher, mapRefresher, kpiRefresher, trendRefresher];
    for (const r of all) r.start();
    // "Today" turns over at midnight in Chongqing: the tiles and the day curve turn with it rather than
    // up to a timer's period later. One timeout at a time, re-armed from the clock each night.
    let dayTurn: ReturnType<typeof setTimeout> | null = null;
    const armDayTurn = () => {
      dayTurn = setTimeout(() => {
        kpiRefresher.now();
        trendRefresher.now();
        armDayTurn();
      }, msUntilNextShanghaiDay(new Date()) + DAY_TURN_DELAY_MS);
    };
    armDayTurn();
    const live = new LiveFeed(`/api/v1/cases/feed?${q}`, {
      onEvent: () => {
        for (const r of all) r.poke();
      },
      onOpen: (again) => {
        // Whatever happened while the line was down came with no event: read everything again.
        if (again) for (const r of all) r.now();
      },
      onStatus: setStatus,
      checkSession: async () => {
        try {
          await get('/auth/me');
          return 'ok';
        } catch (e) {
          return e instanceof ApiError && e.status === 401 ? 'signed_out' : 'down';
        }
      },
    });
    function stopTimers() {
      live.stop();
      for (const r of all) r.stop();
      if (dayTurn) clearTimeout(dayTurn);
      dayTurn = null;
    }
    function stopAll() {
      stopTimers();
      setDenied(true);
    }
    live.start();
    return stopTimers;
  }, [unitId]);

  const dayOption = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: LEGEND,
      grid: { left: 48, right: 16, top: 40, bottom: 32 },
      xAxis: { type: 'category', data: trends?.days.map((d) => d.day.slice(5)) ?? [], ...AXIS },
      yAxis: { type: 'value', minInterval: 1, ...AXIS, ...SPLIT },
      series: [
        {
          name: t('screenReported'),
          type: 'line',
          smooth: true,
          smoothMonotone: 'x',
          symbol: 'none',
          areaStyle: { opacity: 0.15 },
          lineStyle: { width: 3 },
          color: '#36cfc9',
          data: trends?.days.map((d) => d.received) ?? [],
        },
        {
          name: t('screenClosed'),
          type: 'line',
          smooth: true,
          smoothMonotone: 'x',
          symbol: 'none',
          lineStyle: { width: 3 },
          color: '#faad14',
          data: trends?.days.map((d) => d.closed) ?? [],
        },
      ],
    }),
    [trends, t],
  );
  const sectorOption = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: LEGEND,
      grid: { left: 40, right: 16, top: 36, bottom: 28 },
      xAxis: {
        type: 'category',
        data: trends?.sectors.map((s) => pick(SECTOR_LABELS[s.sector])) ?? [],
        ...AXIS,
      },
      yAxis: { type: 'value', minInterval: 1, ...AXIS, ...SPLIT },
      series: [
        {
          name: t('screenOpen'),
          type: 'bar',
          color: '#3f8cff',
          label: { show: true, position: 'top', color: '#fff', fontSize: 14 },
          data: trends?.sectors.map((s) => s.open) ?? [],
        },
        {
          name: t('screenClosedInWindow'),
          type: 'bar',
          color: '#52c41a',
          label: { show: true, position: 'top', color: '#fff', fontSize: 14 },
          data: trends?.sectors.map((s) => s.closed) ?? [],
        },
      ],
    }),
    [trends, t, pick],
  );

  const gridOption = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: LEGEND,
      grid: { left: 170, right: 40, top: 36, bottom: 24 },
      // The busiest grid on top.
      yAxis: {
        type: 'category',
        inverse: true,
        data:
          trends?.grids.map((g) =>
            g.name ? `${g.villageName ?? ''} ${g.name}`.trim() : t('screenOutsideGrid'),
          ) ?? [],
        ...AXIS,
        axisLabel: { ...AXIS.axisLabel, fontSize: 15, width: 160, overflow: 'truncate' },
      },
      xAxis: { type: 'value', minInterval: 1, ...AXIS, ...SPLIT },
      series: [
        {
          name: t('screenOpen'),
          type: 'bar',
          color: '#3f8cff',
          barGap: '10%',
          label: { show: true, position: 'right', color: '#fff', fontSize: 14 },
          data: trends?.grids.map((g) => g.open) ?? [],
        },
        {
          name: t('screenOverdue'),
          type: 'bar',
          color: '#ff4d4f',
          label: { show: true, position: 'right', color: '#fff', fontSize: 14 },
          data: trends?.grids.map((g) => g.overdue) ?? [],
        },
      ],
    }),
    [trends, t],
  );
  const tiles: { key: MessageKey; value: string; alert?: boolean; testId: string }[] = figures
    ? [
        {
          key: 'screenReportedToday',
          value: formatNumber(figures.day.received, locale),
          testId: 'tile-received-today',
        },
        {
          key: 'screenClosedToday',
          value: formatNumber(figures.day.closed, locale),
          testId: 'tile-closed-today',
        },
        {
          key: 'screenOverdueNow',
          value: formatNumber(figures.day.overdueNow, locale),
          alert: figures.day.overdueNow > 0,
          testId: 'tile-overdue-now',
        },
        {
          key: 'screenReportedMonth',
          value: formatNumber(figures.month.received, locale),
          testId: 'tile-received-month',
        },
        {
          key: 'screenClosedMonth',
          value: formatNumber(figures.month.closed, locale),
          testId: 'tile-closed-month',
        },
        {
          key: 'screenOnTimeRate',
          value: formatRate(figures.month.onTimeRate, locale),
          testId: 'tile-on-time',
        },
        {
          key: 'screenSatisfaction',
          value: formatRate(figures.month.satisfactionRate, locale),
          testId: 'tile-satisfaction',
        },
        {
          key: 'screenGrassroots',
          value: formatRate(figures.month.grassrootsResolutionRate, locale),
          testId: 'tile-grassroots',
        },
      ]
    : [];

  if (denied)
    return (
      <div className="ws-signin" data-testid="screen-no-access">
        {t('screenNoUnit')}
      </div>
    );
  return (
    <div className="ws-viewport">
      <div
        className="ws-stage"
        data-testid="wall-screen"
        style={{
          transform: `translate(${(window.innerWidth - STAGE.width * scale) / 2}px, ${(window.innerHeight - STAGE.height * scale) / 2}px) scale(${scale})`,
        }}
      >
        <header className="ws-header">
          <div className="ws-title" data-testid="screen-title">
            {trends?.unit.name ?? map?.unit.name ?? ''} · {t('screenTitle')}
          </div>
          <Clock locale={locale} />
          <div className="ws-status" data-status={status} data-testid="screen-status">
            {t(STATUS_LABELS[status])}
          </div>
          <button
            type="button"
            className="ws-lang"
            onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')}
          >
            {t('language')}
          </button>
        </header>

        <section className="ws-tiles" data-testid="screen-tiles">
          {tiles.map((tile) => (
            <div className="ws-tile" key={tile.key} data-alert={tile.alert ?? false}>
              <div className="ws-tile-label">{t(tile.key)}</div>
              <div className="ws-tile-value" data-testid={tile.testId}>
                {tile.value}
              </div>
            </div>
          ))}
        </section>

        <Panel
          title={t('screenTrendDays')}
          aside={
            trends && (
              <span className="ws-panel-aside" data-testid="trend-range">
                {trends.days[0]?.day.slice(5)} – {trends.days.at(-1)?.day.slice(5)}
              </span>
            )
          }
          left={24}
          top={232}
          width={560}
          height={404}
        >
          <Chart option={dayOption} width={558} height={358} testId="chart-days" />
        </Panel>
        <Panel title={t('screenByGrid')} left={24} top={652} width={560} height={404}>
          <Chart option={gridOption} width={558} height={358} testId="chart-grids" />
        </Panel>
        <Panel title={t('screenMap')} left={600} top={232} width={720} height={824}>
          <ScreenMap map={map} width={718} height={778} />
        </Panel>
        <Panel title={t('screenNewCases')} left={1336} top={232} width={560} height={600}>
          <FeedList items={feed.newest} fresh={feed.fresh} testId="feed-newest" />
          <div className="ws-panel-title">{t('screenOverdueCases')}</div>
          <FeedList items={feed.overdue} fresh={feed.fresh} testId="feed-overdue" />
        </Panel>
        <Panel title={t('screenBySector')} left={1336} top={848} width={560} height={208}>
          <Chart option={sectorOption} width={558} height={162} testId="chart-sectors" />
        </Panel>
      </div>
    </div>
  );
}

const STATUS_LABELS: Record<FeedStatus, MessageKey> = {
  connecting: 'screenConnecting',
  live: 'screenLive',
  reconnecting: 'screenReconnecting',
  signed_out: 'screenSignedOut',
};

function Panel(props: {
  title: string;
  /** A small note at the title's right, e.g. the days a curve spans. */
  aside?: React.ReactNode;
  left: number;
  top: number;
  width: number;
  height: number;
  children: React.ReactNode;
}) {
  const { title, aside, left, top, width, height, children } = props;
  return (
    <section className="ws-panel" style={{ left, top, width, height }}>
      <div className="ws-panel-title">
        {title}
        {aside}
      </div>
      {children}
    </section>
  );
}

/** Beijing time, to the second; its own component so that the tick re-renders only itself. */
function Clock({ locale }: { locale: Locale }) {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, []);
  const text = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(now);
  return <div className="ws-clock">{text}</div>;
}

/** Newest or overdue cases; a case that just arrived flashes once. */
function FeedList({ items, fresh, testId }: { items: CaseSummary[]; fresh: Set<string>; testId: string }) {
  const { t, locale, pick } = useI18n();
  if (items.length === 0)
    return (
      <div className="ws-empty" data-testid={testId}>
        {t('screenNone')}
      </div>
    );
  return (
    <ul className="ws-feed" data-testid={testId}>
      {items.map((c) => (
        <li key={c.id} data-fresh={fresh.has(c.id)} data-case-id={c.id} data-testid="feed-item">
          <span className="ws-feed-matter">
            {c.matter.name}
            {c.overdueLevel > 0 && (
              <span className="ws-flag" data-testid="feed-overdue-flag">
                {t('screenOverdue')}
              </span>
            )}
          </span>
          <span className="ws-feed-status">{pick(CASE_STATUS_LABELS[c.status])}</span>
          <span className="ws-feed-meta">
            {c.unit.trail.slice(-2).join(' / ')} · {c.description}
          </span>
          <span className="ws-feed-meta">{shortTime(c.reportedAt, locale)}</span>
        </li>
      ))}
    </ul>
  );
}

/** Month, day and time in Beijing time: a feed spans days, the year is plain from the clock. */
function shortTime(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: 'Asia/Shanghai',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));
}
