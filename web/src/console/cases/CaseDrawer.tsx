import type { CaseDetail } from '@domain/cases/schemas';
import {
  CASE_ACTION_LABELS,
  CASE_STATUS_LABELS,
  type CaseAction,
  eventLabel,
  RATING_LABELS,
} from '@domain/cases/states';
import { formatDuration } from '@domain/shared/duration';
import {
  App,
  Button,
  Descriptions,
  Drawer,
  Empty,
  Image,
  Space,
  Spin,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, get } from '../../api/client';
import { formatDateTime, useI18n } from '../../i18n';
import { CaseSupervision } from '../supervision/CaseSupervision';
import { ActionDialog } from './ActionDialog';

/** One case: where, what, who, its timeline with photos, and exactly the actions the server allows. */
export function CaseDrawer({
  caseId,
  onClose,
  onChanged,
}: {
  caseId: string;
  onClose(): void;
  onChanged(): void;
}) {
  const { t, pick, locale } = useI18n();
  const { message } = App.useApp();
  const [detail, setDetail] = useState<CaseDetail | null>(null);
  const [acting, setActing] = useState<CaseAction | null>(null);

  const load = useCallback(async () => {
    try {
      setDetail(await get<CaseDetail>(`/cases/${caseId}`));
    } catch (e) {
      void message.error(e instanceof ApiError ? e.messageIn(locale) : String(e));
    }
  }, [caseId, message, locale]);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <Drawer
      open
      width={640}
      onClose={onClose}
      title={detail ? `${detail.matter.name} · ${pick(CASE_STATUS_LABELS[detail.status])}` : ''}
    >
      {!detail ? (
        <Spin />
      ) : (
        <>
          <Space wrap style={{ marginBottom: 16 }} data-testid="case-actions">
            {detail.can.length === 0 && <Typography.Text type="secondary">{t('noActions')}</Typography.Text>}
            {detail.can.map((action) => (
              <Button
                key={action}
                type={
                  ['accept', 'dispatch', 'close', 'resolve', 'verify'].includes(action)
                    ? 'primary'
                    : 'default'
                }
                danger={['reject', 'rework', 'return'].includes(action)}
                onClick={() => setActing(action)}
                data-testid={`case-action-${action}`}
              >
                {pick(CASE_ACTION_LABELS[action])}
              </Button>
            ))}
          </Space>
          <CaseSupervision
            key={`${detail.id}-${detail.status}`}
            caseId={detail.id}
            caseOpen={!['closed', 'rejected'].includes(detail.status)}
          />
          <Descriptions column={2} size="small" bordered>
            <Descriptions.Item label={t('description')} span={2}>
              {detail.description}
            </Descriptions.Item>
            <Descriptions.Item label={t('place')} span={2}>
              {detail.unit.trail.join(' / ')}
              {detail.address ? ` · ${detail.address}` : ''}
              {detail.location
                ? ` (${detail.location.lat.toFixed(5)}, ${detail.location.lng.toFixed(5)})`
                : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('reporter')}>
              {detail.reporter?.name ?? t('anonymousReporter')}
            </Descriptions.Item>
            <Descriptions.Item label={t('urgency')}>
              {detail.urgency === 'urgent' ? <Tag color="red">{t('urgent')}</Tag> : t('normal')}
            </Descriptions.Item>
            <Descriptions.Item label={t('reportedAt')}>
              {formatDateTime(detail.reportedAt, locale)}
            </Descriptions.Item>
            <Descriptions.Item label={t('stageDue')}>
              {formatDateTime(detail.stageDueAt, locale)}{' '}
              {detail.overdueLevel > 0 && <Tag color="red">{t('overdue')}</Tag>}
              {detail.paused && <Tag>{t('paused')}</Tag>}
              {detail.askId && (
                <Tag color="gold" data-testid="case-from-ask">
                  {t('fromAsk')}
                </Tag>
              )}
            </Descriptions.Item>
            <Descriptions.Item label={detail.leadUser ? t('leadPerson') : t('leadPost')}>
              <span data-testid="case-lead">{detail.leadUser?.name ?? detail.leadPost?.name ?? '—'}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('assistPosts')}>
              {detail.assignments
                .filter((a) => a.role === 'assist')
                .map((a) => a.post.name)
                .join('、') || '—'}
            </Descriptions.Item>
            {detail.pausedMs > 0 && (
              <Descriptions.Item label={t('paused')} span={2}>
                {t('pausedFor', { d: formatDuration(detail.pausedMs, locale) })}
              </Descriptions.Item>
            )}
            {detail.rating && (
              <Descriptions.Item label={t('rating')} span={2}>
                {pick(RATING_LABELS[detail.rating])} {detail.ratingComment ?? ''}
              </Descriptions.Item>
            )}
          </Descriptions>
          {detail.photos.length > 0 && (
            <Image.PreviewGroup>
              <Space wrap style={{ marginTop: 16 }}>
                {detail.photos.map((p) => (
                  <Image
                    key={p.id}
                    width={96}
                    height={96}
                    style={{ objectFit: 'cover' }}
                    src={p.thumbUrl}
                    preview={{ src: p.url }}
                  />
                ))}
              </Space>
            </Image.PreviewGroup>
          )}
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('timeline')}
          </Typography.Title>
          {detail.timeline.length === 0 ? (
            <Empty />
          ) : (
            <Timeline
              data-testid="case-timeline"
              items={detail.timeline.map((e) => ({
                children: (
                  <div>
                    <Typography.Text strong>{pick(eventLabel(e.action))}</Typography.Text>{' '}
                    <Typography.Text type="secondary">
                      {e.actor?.name ?? ''} · {formatDateTime(e.at, locale)}
                    </Typography.Text>
                    {e.note && <div>{e.note}</div>}
                    {e.photos.length > 0 && (
                      <Space style={{ marginTop: 4 }}>
                        {e.photos.map((p) => (
                          <Image
                            key={p.id}
                            width={56}
                            height={56}
                            style={{ objectFit: 'cover' }}
                            src={p.thumbUrl}
                            preview={{ src: p.url }}
                          />
                        ))}
                      </Space>
                    )}
                  </div>
                ),
              }))}
            />
          )}
        </>
      )}
      {detail && acting && (
        <ActionDialog
          detail={detail}
          action={acting}
          onClose={() => setActing(null)}
          onDone={(next) => {
            setActing(null);
            setDetail(next);
            onChanged();
          }}
        />
      )}
    </Drawer>
  );
}
