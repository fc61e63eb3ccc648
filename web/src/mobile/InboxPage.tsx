import { Button, List, NavBar } from 'antd-mobile';
import type { InboxItem } from '../api/inbox';
import { formatDateTime, useI18n } from '../i18n';

/** 消息 on the phone: news of one's cases; tapping a message opens its case. */
export function InboxPage({
  items,
  onOpen,
  onReadAll,
}: {
  items: InboxItem[];
  onOpen(item: InboxItem): void;
  onReadAll(): void;
}) {
  const { t, pick, locale } = useI18n();
  return (
    <div>
      <NavBar
        backIcon={null}
        right={
          <Button size="mini" fill="none" onClick={onReadAll}>
            {t('markAllRead')}
          </Button>
        }
      >
        {t('inbox')}
      </NavBar>
      <List>
        {items.map((n) => (
          <List.Item key={n.id} onClick={() => onOpen(n)} description={formatDateTime(n.createdAt, locale)}>
            <span style={{ fontWeight: n.read ? 400 : 600 }}>{pick(n.title)}</span>
          </List.Item>
        ))}
      </List>
    </div>
  );
}
