import type { RoundList } from '@domain/evaluations/schemas';
import { Button, ErrorBlock, List, NavBar, PullToRefresh, Tag, Toast } from 'antd-mobile';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, get, post } from '../../api/client';
import { useI18n } from '../../i18n';

/**
 * 考评 for a courtyard head (their courtyard) or a grid worker (the courtyards of their grid): this
 * month's round to open, and every round so far, newest month first.
 */
export function EvaluationListPage({
  unitId,
  onBack,
  onOpen,
}: {
  unitId: string;
  onBack(): void;
  onOpen(roundId: string): void;
}) {
  const { t, locale } = useI18n();
  const [list, setList] = useState<RoundList | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const showError = useCallback(
    (e: unknown) => Toast.show({ content: e instanceof ApiError ? e.messageIn(locale) : String(e) }),
    [locale],
  );
  const load = useCallback(
    () => get<RoundList>(`/evaluations/rounds?unitId=${unitId}`).then(setList).catch(showError),
    [unitId, showError],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const open = async (courtyardId: string) => {
    if (!list) return;
    setBusy(courtyardId);
    try {
      const round = await post<{ id: string }>('/evaluations/rounds', { courtyardId, month: list.month });
      onOpen(round.id);
    } catch (e) {
      showError(e);
    } finally {
      setBusy(null);
    }
  };

  const openable = list?.courtyards.filter((c) => c.canOpen) ?? [];
  return (
    <div style={{ minHeight: '100vh' }}>
      <NavBar onBack={onBack}>{t('evaluations')}</NavBar>
      <PullToRefresh onRefresh={load}>
        {openable.length > 0 && (
          <div style={{ padding: 12, display: 'flex', flexDirection: 'column', gap: 8 }}>
            {openable.map((c) => (
              <Button
                key={c.id}
                block
                color="primary"
                size="large"
                loading={busy === c.id}
                onClick={() => void open(c.id)}
                data-testid={`m-eval-open-${c.name}`}
              >
                {openable.length > 1 ? `${c.name} · ` : ''}
                {t('evalOpenMonth', { month: list?.month ?? '' })}
              </Button>
            ))}
          </div>
        )}
        {list && list.rounds.length === 0 ? (
          <ErrorBlock status="empty" title={t('evalNoRounds')} description="" />
        ) : (
          <List>
            {list?.rounds.map((r) => (
              <List.Item
                key={r.id}
                onClick={() => onOpen(r.id)}
                data-testid={`m-eval-round-${r.courtyardName}-${r.month}`}
                description={
                  r.status === 'published'
                    ? t('evalPointsSum', { points: r.pointsAwarded })
                    : t('evalProgress', { done: r.scored, total: r.households })
                }
                extra={
                  <Tag color={r.status === 'published' ? 'success' : 'warning'}>
                    {t(r.status === 'published' ? 'evalStatusPublished' : 'evalStatusOpen')}
                  </Tag>
                }
              >
                {r.month} · {r.courtyardName}
              </List.Item>
            ))}
          </List>
        )}
      </PullToRefresh>
    </div>
  );
}
