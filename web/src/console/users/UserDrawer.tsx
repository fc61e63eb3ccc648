import { ROLE_LABELS } from '@domain/auth/roles';
import type { UserView } from '@domain/users/schemas';
import { App, Button, Descriptions, Drawer, Form, Input, List, Modal, Space, Tag } from 'antd';
import { useState } from 'react';
import { ApiError, del, patch, post } from '../../api/client';
import { formatDateTime, useI18n } from '../../i18n';
import { GrantFields } from './GrantFields';

/** One account: its roles, and what the viewer may change (the server says what, in `can`). */
export function UserDrawer({
  user,
  onClose,
  onChanged,
}: {
  user: UserView;
  onClose(): void;
  onChanged(u: UserView): void;
}) {
  const { t, pick, locale } = useI18n();
  const { message } = App.useApp();
  const [granting, setGranting] = useState(false);
  const [resetting, setResetting] = useState(false);
  const [grantForm] = Form.useForm();
  const [passwordForm] = Form.useForm();
  const canManage = user.can.includes('manage');

  const run = async (fn: () => Promise<UserView | undefined>) => {
    try {
      const updated = await fn();
      if (updated) onChanged(updated);
      void message.success(t('saved'));
      return true;
    } catch (e) {
      void message.error(e instanceof ApiError ? e.messageIn(locale) : String(e));
      return false;
    }
  };

  return (
    <Drawer open width={520} title={`${user.name} · ${user.phone}`} onClose={onClose}>
      <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('status')}>
          {user.disabled ? t('disabled') : t('enabled')}
        </Descriptions.Item>
        <Descriptions.Item label={t('createdAt')}>{formatDateTime(user.createdAt, locale)}</Descriptions.Item>
      </Descriptions>
      <List
        header={t('grants')}
        dataSource={user.grants}
        renderItem={(g) => (
          <List.Item
            actions={
              canManage
                ? [
                    <Button
                      key="x"
                      type="link"
                      danger
                      size="small"
                      onClick={() => void run(() => del<UserView>(`/users/${user.id}/grants/${g.id}`))}
                    >
                      {t('revoke')}
                    </Button>,
                  ]
                : []
            }
          >
            <Tag color="red">{pick(ROLE_LABELS[g.role])}</Tag>
            {g.unitTrail.join(' / ')}
            {g.postName ? ` · ${g.postName}` : ''}
          </List.Item>
        )}
      />
      {canManage && (
        <Space wrap style={{ marginTop: 16 }}>
          <Button onClick={() => setGranting(true)}>{t('addGrant')}</Button>
          <Button onClick={() => setResetting(true)}>{t('resetPassword')}</Button>
          <Button
            danger={!user.disabled}
            onClick={() => void run(() => patch<UserView>(`/users/${user.id}`, { disabled: !user.disabled }))}
          >
            {user.disabled ? t('enable') : t('disable')}
          </Button>
        </Space>
      )}
      <Modal
        open={granting}
        title={t('addGrant')}
        onCancel={() => setGranting(false)}
        onOk={async () => {
          const v = await grantForm.validateFields();
          const body = { role: v.role, unitId: v.unitId, ...(v.postId ? { postId: v.postId } : {}) };
          if (await run(() => post<UserView>(`/users/${user.id}/grants`, body))) setGranting(false);
        }}
        destroyOnHidden
      >
        <Form form={grantForm} layout="vertical" preserve={false}>
          <GrantFields />
        </Form>
      </Modal>
      <Modal
        open={resetting}
        title={t('resetPassword')}
        onCancel={() => setResetting(false)}
        onOk={async () => {
          const v = await passwordForm.validateFields();
          if (await run(async () => post(`/users/${user.id}/password`, { newPassword: v.newPassword })))
            setResetting(false);
        }}
        destroyOnHidden
      >
        <Form form={passwordForm} layout="vertical" preserve={false}>
          <Form.Item
            name="newPassword"
            label={t('newPassword')}
            extra={t('passwordHint')}
            rules={[{ required: true, min: 8 }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
    </Drawer>
  );
}
