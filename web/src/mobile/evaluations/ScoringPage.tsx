import { maxTotal } from '@domain/evaluations/rules';
import type { RoundView, ScorecardView, ScoreLine } from '@domain/evaluations/schemas';
import { Button, Card, Dialog, Input, NavBar, Stepper, Tag, Toast } from 'antd-mobile';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, get, post } from '../../api/client';
import { useI18n } from '../../i18n';
import { BottomBar } from '../BottomBar';

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

function statusTag(card: ScorecardView, t: ReturnType<typeof useI18n>['t']) {
  if (card.status === 'unscored') return <Tag>{t('evalUnscored')}</Tag>;
  if (card.status === 'scored')
    return <Tag color="success">{t('evalPointsGained', { points: signed(card.pointsAwarded ?? 0) })}</Tag>;
  if (card.complete) return <Tag color="success">{t('evalComplete')}</Tag>;
  if (card.status === 'draft') return <Tag color="warning">{t('evalDraft')}</Tag>;
  return <Tag>{t('evalPending')}</Tag>;
}

/**
 * The committee scores a round one household at a time, criterion by criterion, with steppers and a
 * 满分 shortcut. Every change is saved at once (the whole card, in order), so a dropped answer is
 * repaired by the next save; publishing asks for confirmation and names who is left unscored.
 */
export function ScoringPage({ roundId, onBack }: { roundId: string; onBack(): void }) {
  const { t, locale } = useI18n();
  const [round, setRound] = useState<RoundView | null>(null);
  const [index, setIndex] = useState(0);
  const [drafts, setDrafts] = useState<Record<string, ScoreLine[]>>({});
  const [saving, setSaving] = useState(0);
  /** Cards whose last save failed (no signal): kept here and sent again with one tap. */
  const [unsaved, setUnsaved] = useState<Record<string, ScoreLine[]>>({});
  const [confirming, setConfirming] = useState(false);
  const queue = useRef(Promise.resolve());
  const showError = useCallback(
    (e: unknown) => Toast.show({ content: e instanceof ApiError ? e.messageIn(locale) : String(e) }),
    [locale],
  );
  const load = useCallback(async () => {
    try {
      const view = await get<RoundView>(`/evaluations/rounds/${roundId}`);
      setRound(view);
      setDrafts(Object.fromEntries(view.scorecards.map((c) => [c.householdId, c.scores])));
    } catch (e) {
      showError(e);
    }
  }, [roundId, showError]);
  useEffect(() => {
    void load();
  }, [load]);

  if (!round) return <NavBar onBack={onBack}>{t('evaluate')}</NavBar>;
  const cards = round.scorecards;
  const card = cards[Math.min(index, cards.length - 1)];
  const criteria = round.template.criteria;
  const editable = round.can.score;
  const lines = card ? (drafts[card.householdId] ?? []) : [];
  const complete = (id: string) => criteria.every((c) => (drafts[id] ?? []).some((s) => s.key === c.key));

  const save = (householdId: string, next: ScoreLine[]) => {
    setDrafts((d) => ({ ...d, [householdId]: next }));
    setSaving((n) => n + 1);
    queue.current = queue.current
      .then(() => post<RoundView>(`/evaluations/rounds/${roundId}/scores`, { householdId, scores: next }))
      .then((view) => {
        setRound(view);
        setUnsaved(({ [householdId]: _, ...rest }) => rest);
      })
      .catch((e: unknown) => {
        setUnsaved((u) => ({ ...u, [householdId]: next }));
        showError(e);
      })
      .finally(() => setSaving((n) => n - 1));
  };
  const setLine = (key: string, change: Partial<ScoreLine>) => {
    if (!card) return;
    const old = lines.find((l) => l.key === key);
    const merged = { key, score: old?.score ?? 0, ...(old?.note ? { note: old.note } : {}), ...change };
    if (!merged.note) delete merged.note;
    save(card.householdId, [...lines.filter((l) => l.key !== key), merged]);
  };

  const unscored = cards.filter((c) => !complete(c.householdId)).map((c) => c.householdId);
  const publish = async () => {
    setConfirming(false);
    await queue.current;
    try {
      setRound(
        await post<RoundView>(`/evaluations/rounds/${roundId}/publish`, { unscoredHouseholdIds: unscored }),
      );
    } catch (e) {
      showError(e);
    }
  };

  const total = lines.reduce((s, l) => s + l.score, 0);
  return (
    <div style={{ paddingBottom: 140 }}>
      <NavBar onBack={onBack}>
        {round.month} · {round.courtyardName}
      </NavBar>
      <div style={{ padding: '8px 12px', display: 'flex', flexWrap: 'wrap', gap: 6 }}>
        {cards.map((c, i) => (
          <button
            type="button"
            key={c.householdId}
            onClick={() => setIndex(i)}
            data-testid={`m-eval-hh-${i}`}
            style={{
              minWidth: 40,
              height: 36,
              borderRadius: 18,
              border: i === index ? '2px solid #c8102e' : '1px solid #ddd',
              background: complete(c.householdId) || c.status === 'scored' ? '#f6ffed' : '#fff',
              fontSize: 15,
            }}
          >
            {i + 1}
          </button>
        ))}
      </div>
      {card && (
        <Card
          style={{ margin: '0 12px' }}
          title={
            <div>
              <div style={{ fontSize: 17 }} data-testid="m-eval-household">
                {card.address}
                {card.headName ? ` · ${card.headName}` : ''}
              </div>
              <div style={{ color: '#888', fontSize: 13, fontWeight: 400 }}>
                {t('evalHouseholdOf', { n: index + 1, total: cards.length })}
              </div>
            </div>
          }
          extra={statusTag({ ...card, complete: complete(card.householdId) }, t)}
        >
          {criteria.map((c) => {
            const line = lines.find((l) => l.key === c.key);
            return (
              <div key={c.key} style={{ padding: '10px 0', borderBottom: '1px solid #f0f0f0' }}>
                <div style={{ display: 'flex', justifyContent: 'space-between', fontSize: 16 }}>
                  <span>{c.name}</span>
                  <span style={{ color: '#888' }}>
                    {t('evalMax')} {c.max}
                  </span>
                </div>
                <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginTop: 8 }}>
                  <div data-testid={`m-eval-step-${c.key}`} style={{ flex: 1 }}>
                    <Stepper
                      min={0}
                      max={c.max}
                      digits={0}
                      allowEmpty
                      disabled={!editable}
                      value={line?.score ?? null}
                      onChange={(v) => v !== null && setLine(c.key, { score: v })}
                      style={{ '--height': '40px', '--input-width': '56px', '--input-font-size': '18px' }}
                    />
                  </div>
                  {editable && (
                    <Button
                      size="small"
                      onClick={() => setLine(c.key, { score: c.max })}
                      data-testid={`m-eval-max-${c.key}`}
                    >
                      {t('evalMax')}
                    </Button>
                  )}
                </div>
                {(editable || line?.note) && (
                  <Input
                    key={`${card.householdId}-${c.key}`}
                    placeholder={t('evalNote')}
                    defaultValue={line?.note ?? ''}
                    readOnly={!editable}
                    maxLength={200}
                    onBlur={(e) => {
                      const note = e.target.value.trim();
                      if (note !== (line?.note ?? '')) setLine(c.key, { note });
                    }}
                    style={{ marginTop: 6, '--font-size': '14px' }}
                    data-testid={`m-eval-note-${c.key}`}
                  />
                )}
              </div>
            );
          })}
          <div style={{ marginTop: 10, fontSize: 18, fontWeight: 600 }} data-testid="m-eval-total">
            {t('evalTotal', { total, max: maxTotal(criteria) })}
          </div>
        </Card>
      )}
      <BottomBar>
        <div style={{ padding: 8, display: 'flex', gap: 8, alignItems: 'center' }}>
          <Button disabled={index === 0} onClick={() => setIndex(index - 1)} data-testid="m-eval-prev">
            {t('evalPrev')}
          </Button>
          <Button
            disabled={index >= cards.length - 1}
            onClick={() => setIndex(index + 1)}
            data-testid="m-eval-next"
          >
            {t('evalNext')}
          </Button>
          <span
            style={{ flex: 1, textAlign: 'center', color: '#888', fontSize: 13 }}
            data-testid="m-eval-saving"
          >
            {!editable ? (
              t('evalStatusPublished')
            ) : saving > 0 ? (
              t('evalSaving')
            ) : Object.keys(unsaved).length > 0 ? (
              <Button
                size="small"
                color="danger"
                fill="outline"
                onClick={() => {
                  for (const [id, scores] of Object.entries(unsaved)) save(id, scores);
                }}
                data-testid="m-eval-retry"
              >
                {t('evalUnsaved')}
              </Button>
            ) : (
              t('evalSaved')
            )}
          </span>
        </div>
        {round.can.publish && (
          <div style={{ padding: '0 8px 8px' }}>
            <Button
              block
              color="primary"
              size="large"
              disabled={saving > 0 || Object.keys(unsaved).length > 0}
              onClick={() => setConfirming(true)}
              data-testid="m-eval-publish"
            >
              {t('evalPublish')}
            </Button>
          </div>
        )}
      </BottomBar>
      <Dialog
        visible={confirming}
        title={t('evalPublish')}
        content={
          <div>
            {t('evalPublishConfirm')}
            {unscored.length > 0 && (
              <div style={{ color: '#c8102e', marginTop: 8 }} data-testid="m-eval-unscored-warning">
                {t('evalUnscoredWarn', { n: unscored.length })}
              </div>
            )}
          </div>
        }
        closeOnAction
        onClose={() => setConfirming(false)}
        actions={[
          [
            { key: 'cancel', text: t('cancel') },
            {
              key: 'publish',
              text: t('evalPublish'),
              bold: true,
              danger: true,
              onClick: () => void publish(),
            },
          ],
        ]}
      />
    </div>
  );
}
