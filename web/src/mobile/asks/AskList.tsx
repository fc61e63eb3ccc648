import type { AskSummary } from '@domain/asks/schemas';
import { ASK_KIND_LABELS } from '@domain/asks/schemas';
import { ASK_STATUS_LABELS } from '@domain/asks/states';
import { Badge, List, Tag } from 'antd-mobile';
import { formatDateTime, useI18n } from '../../i18n';

/** Asks as a list: a red dot on what is new to the reader, the status on the right. */
export function AskList({
  items,
  showResident,
  onOpen,
}: {
  items: AskSummary[];
  showResident: boolean;
  onOpen(id: string): void;
}) {
  const { t, pick, locale } = useI18n();
  if (items.length === 0)
    return <div style={{ padding: 24, color: '#999', textAlign: 'center' }}>{t('noAsks')}</div>;
  return (
    <List>
      {items.map((a) => (
        <List.Item
          key={a.id}
          onClick={() => onOpen(a.id)}
          data-testid="m-ask-item"
          prefix={<Badge content={a.unread ? Badge.dot : null}>{pick(ASK_KIND_LABELS[a.kind])}</Badge>}
          description={`${showResident ? `${a.resident.name} · ` : ''}${formatDateTime(a.askedAt, locale)}`}
          extra={
            <Tag color={a.status === 'asked' ? 'danger' : 'primary'}>{pick(ASK_STATUS_LABELS[a.status])}</Tag>
          }
        >
          <span style={{ fontWeight: a.unread ? 600 : 400, wordBreak: 'break-all' }}>{a.text || '🎤'}</span>
        </List.Item>
      ))}
    </List>
  );
}
