import type { MyEvaluations, MyScorecard } from '@domain/evaluations/schemas';
import type { HouseholdPoints } from '@domain/points/schemas';
import { Card, ErrorBlock, NavBar, PullToRefresh, Tag, Toast } from 'antd-mobile';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, get } from '../../api/client';
import { useI18n } from '../../i18n';

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

function Scorecard({ card }: { card: MyScorecard }) {
  const { t } = useI18n();
  const points = card.pointsAwarded ?? 0;
  return (
    <Card
      style={{ margin: 12 }}
      title={`${card.month} · ${card.courtyardName}`}
      extra={
        card.status === 'unscored' ? (
          <Tag>{t('evalUnscored')}</Tag>
        ) : (
          <Tag color={points >= 0 ? 'success' : 'danger'} data-testid={`m-scorecard-points-${card.month}`}>
            {t('evalPointsGained', { points: signed(points) })}
          </Tag>
        )
      }
      data-testid={`m-scorecard-${card.month}`}
    >
      {card.status === 'scored' && (
        <>
          <div style={{ fontSize: 20, fontWeight: 600 }} data-testid={`m-scorecard-total-${card.month}`}>
            {t('evalTotal', { total: card.total ?? 0, max: card.maxTotal })}
          </div>
          {card.criteria.map((c) => {
            const line = card.scores.find((s) => s.key === c.key);
            return (
              <div key={c.key} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
                <div style={{ display: 'flex', justifyContent: 'space-between', fontSize: 16 }}>
                  <span>{c.name}</span>
                  <span>
                    {line?.score ?? 0} / {c.max}
                  </span>
                </div>
                {line?.note && <div style={{ color: '#888', marginTop: 4 }}>{line.note}</div>}
              </div>
            );
          })}
          {card.pointsComputed !== null && card.pointsComputed !== points && (
            <div style={{ color: '#888', marginTop: 8 }}>
              {t('evalCapped', { computed: card.pointsComputed, points })}
            </div>
          )}
        </>
      )}
    </Card>
  );
}

/** 我的考评: the household's published scorecards month by month, with the points each earned. */
export function MyScorecardPage({ onBack }: { onBack(): void }) {
  const { t, locale } = useI18n();
  const [mine, setMine] = useState<MyEvaluations | null>(null);
  const [balance, setBalance] = useState<number | null>(null);
  const load = useCallback(async () => {
    try {
      const [evaluations, points] = await Promise.all([
        get<MyEvaluations>('/evaluations/mine'),
        get<{ bound: boolean; points: HouseholdPoints | null }>('/points/mine'),
      ]);
      setMine(evaluations);
      setBalance(points.points?.balance ?? null);
    } catch (e) {
      Toast.show({ content: e instanceof ApiError ? e.messageIn(locale) : String(e) });
    }
  }, [locale]);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div style={{ minHeight: '100vh' }}>
      <NavBar onBack={onBack}>{t('scorecard')}</NavBar>
      <PullToRefresh onRefresh={load}>
        {mine && !mine.bound && <ErrorBlock status="empty" title={t('evalNotBound')} description="" />}
        {mine?.bound && balance !== null && (
          <div style={{ padding: '12px 12px 0', fontSize: 16 }} data-testid="m-scorecard-balance">
            {t('evalPoints')}：<b>{balance}</b>
          </div>
        )}
        {mine?.bound && mine.scorecards.length === 0 && (
          <ErrorBlock status="empty" title={t('evalNone')} description="" />
        )}
        {mine?.scorecards.map((card) => (
          <Scorecard key={card.roundId} card={card} />
        ))}
      </PullToRefresh>
    </div>
  );
}
