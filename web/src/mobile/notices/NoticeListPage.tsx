import { NOTICE_CATEGORY_LABELS, type NoticeView } from '@domain/notices/schemas';
import { Badge, Button, ErrorBlock, List, NavBar, PullToRefresh, Tag } from 'antd-mobile';
import { formatDateTime, useI18n } from '../../i18n';

/** The notices that reach me, pinned first then newest, each unread one marked. */
export function NoticeListPage({
  items,
  onBack,
  onOpen,
  onRefresh,
  onCompose,
}: {
  items: NoticeView[];
  onBack(): void;
  onOpen(id: string): void;
  onRefresh(): Promise<void>;
  /** Given to a courtyard head, who may publish to their courtyard. */
  onCompose?: () => void;
}) {
  const { t, pick, locale } = useI18n();
  return (
    <div>
      <NavBar
        onBack={onBack}
        right={
          onCompose && (
            <Button size="mini" color="primary" onClick={onCompose} data-testid="m-notice-compose">
              {t('publish')}
            </Button>
          )
        }
      >
        {t('notices')}
      </NavBar>
      <PullToRefresh onRefresh={onRefresh}>
        {items.length === 0 ? (
          <ErrorBlock status="empty" title={t('noNotices')} description="" />
        ) : (
          <List>
            {items.map((n) => (
              <List.Item
                key={n.id}
                onClick={() => onOpen(n.id)}
                data-testid={`m-notice-${n.id}`}
                description={`${n.unit.name} · ${n.publisher.name} · ${formatDateTime(n.publishedAt, locale)}`}
                extra={
                  n.read ? undefined : <Badge content={t('unread')} data-testid={`m-notice-unread-${n.id}`} />
                }
              >
                <div style={{ display: 'flex', gap: 6, alignItems: 'center', flexWrap: 'wrap' }}>
                  {n.pinned && <Tag color="danger">{t('pinned')}</Tag>}
                  <Tag color="primary" fill="outline">
                    {pick(NOTICE_CATEGORY_LABELS[n.category])}
                  </Tag>
                  <span style={{ fontWeight: n.read ? 400 : 600 }}>{n.title}</span>
                </div>
              </List.Item>
            ))}
          </List>
        )}
      </PullToRefresh>
    </div>
  );
}
