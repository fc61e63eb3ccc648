import { ASSIGNMENT_STATUS_LABELS, type AssignmentView } from '@domain/tasks/schemas';
import { App, Button, Descriptions, Image, Input, InputNumber, Modal, Space, Tag, Timeline } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, get, post } from '../../api/client';
import { formatDateTime, useI18n } from '../../i18n';

/** 验收与对单考核: the evidence item by item, then accept, return with a reason, or score each item. */
export function ReviewModal({
  id,
  onClose,
  onChanged,
}: {
  id: string | null;
  onClose(): void;
  onChanged(): void;
}) {
  const { t, pick, locale } = useI18n();
  const { message } = App.useApp();
  const [view, setView] = useState<AssignmentView | null>(null);
  const [scores, setScores] = useState<number[]>([]);
  const [comment, setComment] = useState('');
  const [reason, setReason] = useState('');
  const fail = useCallback(
    (e: unknown) => void message.error(e instanceof ApiError ? e.messageIn(locale) : String(e)),
    [message, locale],
  );
  useEffect(() => {
    setView(null);
    if (!id) return;
    void get<AssignmentView>(`/tasks/assignments/${id}`)
      .then((v) => {
        setView(v);
        setScores(v.scores ?? v.items.map((i) => i.maxScore));
        setComment(v.scoreComment ?? '');
        setReason('');
      })
      .catch(fail);
  }, [id, fail]);

  const act = async (path: string, body?: unknown) => {
    if (!id) return;
    try {
      setView(await post<AssignmentView>(`/tasks/assignments/${id}${path}`, body));
      onChanged();
    } catch (e) {
      fail(e);
    }
  };
  const can = (a: AssignmentView['actions'][number]) => view?.actions.includes(a) ?? false;

  return (
    <Modal open={id !== null} onCancel={onClose} footer={null} width={720} title={view?.assignee.name}>
      {view && (
        <>
          <Space style={{ marginBottom: 12 }}>
            <Tag data-testid="review-status">{pick(ASSIGNMENT_STATUS_LABELS[view.status])}</Tag>
            {view.overdue && <Tag color="red">{t('overdue')}</Tag>}
            <span>
              {t('dueAt')} {formatDateTime(view.dueAt, locale)}
            </span>
          </Space>
          <Descriptions column={1} bordered size="small">
            {view.items.map((item, i) => {
              const e = view.evidence[i];
              return (
                <Descriptions.Item
                  // biome-ignore lint/suspicious/noArrayIndexKey: a task's items never change once issued
                  key={i}
                  label={`${i + 1}. ${item.title}（${t(`evidence_${item.evidence}`)}）`}
                >
                  <Space wrap>
                    {!e && '—'}
                    {e?.kind === 'photo' &&
                      e.photoIds.map((p) => (
                        <Image
                          key={p}
                          width={72}
                          src={`/api/v1/photos/${p}/thumb`}
                          preview={{ src: `/api/v1/photos/${p}` }}
                        />
                      ))}
                    {e?.kind === 'text' && <span>{e.text}</span>}
                    {e?.kind === 'number' && <span>{e.value}</span>}
                    {e?.kind === 'checkin' && (
                      <span>
                        {t('checkedIn')}（{e.distanceM} m）
                      </span>
                    )}
                    {(can('score') || view.scores) && (
                      <span data-testid={`score-${i}`}>
                        <InputNumber
                          min={0}
                          max={item.maxScore}
                          precision={0}
                          value={scores[i]}
                          disabled={!can('score')}
                          addonAfter={`/ ${item.maxScore}`}
                          onChange={(v) => setScores((s) => s.map((x, j) => (j === i ? Number(v ?? 0) : x)))}
                        />
                      </span>
                    )}
                  </Space>
                </Descriptions.Item>
              );
            })}
          </Descriptions>
          {view.percent !== null && (
            <p style={{ marginTop: 12 }} data-testid="review-score">
              {t('taskScore')}：{view.score}（{view.percent}%）
              {view.scoreComment ? ` · ${view.scoreComment}` : ''}
            </p>
          )}
          {can('score') && (
            <Input.TextArea
              style={{ marginTop: 12 }}
              rows={2}
              placeholder={t('scoreComment')}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
            />
          )}
          {can('return') && (
            <Input
              style={{ marginTop: 12 }}
              placeholder={t('returnedBecause')}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              data-testid="return-reason"
            />
          )}
          <Space style={{ marginTop: 12 }}>
            {can('accept') && <Button onClick={() => void act('/accept')}>{t('acceptTask')}</Button>}
            {can('return') && (
              <Button danger disabled={!reason.trim()} onClick={() => void act('/return', { reason })}>
                {t('returnTask')}
              </Button>
            )}
            {can('score') && (
              <Button
                type="primary"
                data-testid="score-send"
                onClick={() => void act('/score', { scores, comment })}
              >
                {t('scoreTask')}
              </Button>
            )}
          </Space>
          <Timeline
            style={{ marginTop: 16 }}
            items={view.events.map((e) => ({
              children: `${formatDateTime(e.at, locale)} · ${e.actorName ?? '系统'} · ${e.action}`,
            }))}
          />
        </>
      )}
    </Modal>
  );
}
