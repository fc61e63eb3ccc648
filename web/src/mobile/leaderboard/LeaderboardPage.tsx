import type { PeriodKind } from '@domain/leaderboard/periods';
import type {
  Leaderboard,
  LeaderboardLevel,
  LeaderboardPlace,
  LeaderboardRow,
} from '@domain/leaderboard/schemas';
import {
  CapsuleTabs,
  ErrorBlock,
  List,
  NavBar,
  PullToRefresh,
  SpinLoading,
  Tabs,
  Tag,
  Toast,
} from 'antd-mobile';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError, get } from '../../api/client';
import { useI18n } from '../../i18n';
import { ownChoices } from '../../shared/leaderboard';

const PERIODS: { kind: PeriodKind; label: 'lbMonth' | 'lbQuarter' | 'lbYear' }[] = [
  { kind: 'month', label: 'lbMonth' },
  { kind: 'quarter', label: 'lbQuarter' },
  { kind: 'year', label: 'lbYear' },
];

const MEDALS = ['#d4a017', '#9e9e9e', '#b87333'];

function RankBadge({ rank }: { rank: number | null }) {
  const color = rank !== null && rank <= 3 ? MEDALS[rank - 1] : '#bbb';
  return (
    <span
      style={{
        display: 'inline-flex',
        width: 32,
        height: 32,
        borderRadius: 16,
        background: color,
        color: '#fff',
        fontWeight: 700,
        alignItems: 'center',
        justifyContent: 'center',
        fontSize: 15,
      }}
    >
      {rank ?? '–'}
    </span>
  );
}

function Row({ row, level }: { row: LeaderboardRow; level: LeaderboardLevel }) {
  const unit = level !== 'households';
  const { t } = useI18n();
  return (
    <List.Item
      data-testid={`m-lb-row-${row.id}`}
      data-mine={row.mine ? 'true' : undefined}
      style={row.mine ? { background: '#fff1f0' } : undefined}
      prefix={<RankBadge rank={row.rank} />}
      description={
        unit
          ? row.households
            ? t('lbUnitDetail', { points: row.points, households: row.households })
            : t('lbNoHouseholds')
          : undefined
      }
      extra={
        <span style={{ display: 'inline-flex', flexDirection: 'column', alignItems: 'flex-end' }}>
          {unit && <span style={{ fontSize: 11, color: '#999' }}>{t('lbAverage')}</span>}
          <span style={{ fontSize: 18, fontWeight: 700, color: '#c8102e' }}>
            {unit ? (row.perHousehold ?? '–') : row.points}
          </span>
        </span>
      }
    >
      <span style={{ fontWeight: row.mine ? 700 : 400 }}>{row.label}</span>
      {row.mine && (
        <Tag color="danger" style={{ marginLeft: 6 }}>
          {t(level === 'households' ? 'lbMine' : level === 'courtyards' ? 'lbOurYard' : 'lbOurVillage')}
        </Tag>
      )}
    </List.Item>
  );
}

/** 排行榜: my courtyard's and village's households, the village's courtyards, the town's villages. */
export function LeaderboardPage({ onBack }: { onBack(): void }) {
  const { t, locale } = useI18n();
  const [places, setPlaces] = useState<LeaderboardPlace[] | null>(null);
  const [choiceKey, setChoiceKey] = useState<string>('');
  const [period, setPeriod] = useState<PeriodKind>('month');
  const [board, setBoard] = useState<Leaderboard | null>(null);
  const choices = useMemo(() => ownChoices(places ?? []), [places]);
  const choice = choices.find((c) => c.key === choiceKey) ?? choices[0];

  const showError = useCallback(
    (e: unknown) => Toast.show({ content: e instanceof ApiError ? e.messageIn(locale) : String(e) }),
    [locale],
  );
  useEffect(() => {
    get<LeaderboardPlace[]>('/leaderboard/places').then(setPlaces).catch(showError);
  }, [showError]);
  const load = useCallback(async () => {
    if (!choice) return;
    try {
      setBoard(
        await get<Leaderboard>(
          `/leaderboard?level=${choice.level}&scope=${choice.place.id}&period=${period}`,
        ),
      );
    } catch (e) {
      showError(e);
    }
  }, [choice, period, showError]);
  useEffect(() => {
    void load();
  }, [load]);

  const current = board && choice && board.level === choice.level && board.scope.id === choice.place.id;
  return (
    <div data-testid="m-leaderboard">
      <NavBar onBack={onBack}>{t('leaderboard')}</NavBar>
      {places && choices.length === 0 ? (
        <ErrorBlock status="empty" title={t('lbEmpty')} description="" />
      ) : (
        <>
          <Tabs activeKey={choice?.key ?? ''} onChange={setChoiceKey} style={{ background: '#fff' }}>
            {choices.map((c) => (
              <Tabs.Tab
                key={c.key}
                title={<span data-testid={`m-lb-level-${c.level}-${c.place.kind}`}>{t(c.label)}</span>}
              />
            ))}
          </Tabs>
          <CapsuleTabs activeKey={period} onChange={(k) => setPeriod(k as PeriodKind)}>
            {PERIODS.map((p) => (
              <CapsuleTabs.Tab
                key={p.kind}
                title={<span data-testid={`m-lb-period-${p.kind}`}>{t(p.label)}</span>}
              />
            ))}
          </CapsuleTabs>
          {!current ? (
            <div style={{ display: 'flex', justifyContent: 'center', padding: 40 }}>
              <SpinLoading color="primary" />
            </div>
          ) : (
            <PullToRefresh onRefresh={load}>
              <div style={{ padding: '4px 16px', color: '#666', fontSize: 13 }} data-testid="m-lb-caption">
                {board.scope.name} · {board.period.key}
              </div>
              <List data-testid="m-lb-rows" data-period={board.period.key}>
                {board.rows.map((row) => (
                  <Row key={row.id} row={row} level={board.level} />
                ))}
              </List>
              <div style={{ padding: 16, color: '#999', fontSize: 12, lineHeight: 1.6 }}>{t('lbRule')}</div>
            </PullToRefresh>
          )}
        </>
      )}
    </div>
  );
}
