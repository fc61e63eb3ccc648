import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Drawer, List, Typography } from 'antd';
import { useState } from 'react';
import { useInbox } from '../api/inbox';
import { formatDateTime, useI18n } from '../i18n';

/** 消息: the bell in the console's top bar, with the unread count. */
export function InboxButton() {
  const { t, pick, locale } = useI18n();
  const { items, unread, markRead } = useInbox(true);
  const [open, setOpen] = useState(false);
  return (
    <>
      <Badge count={unread} size="small" overflowCount={99}>
        <Button size="small" icon={<BellOutlined />} onClick={() => setOpen(true)} data-testid="inbox-button">
          {t('inbox')}
        </Button>
      </Badge>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        title={t('inbox')}
        extra={
          <Button size="small" onClick={() => void markRead()} disabled={unread === 0}>
            {t('markAllRead')}
          </Button>
        }
      >
        <List
          dataSource={items}
          renderItem={(n) => (
            <List.Item
              onClick={() => !n.read && void markRead([n.id])}
              style={{ cursor: n.read ? 'default' : 'pointer' }}
            >
              <List.Item.Meta
                title={<Typography.Text strong={!n.read}>{pick(n.title)}</Typography.Text>}
                description={formatDateTime(n.createdAt, locale)}
              />
            </List.Item>
          )}
        />
      </Drawer>
    </>
  );
}
