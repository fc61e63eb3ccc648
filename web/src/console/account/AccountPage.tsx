import { ROLE_LABELS } from '@domain/auth/roles';
import type { Me } from '@domain/auth/schemas';
import { App, Button, Card, Descriptions, Form, Input, List, Space, Tag } from 'antd';
import { ApiError, post } from '../../api/client';
import { useI18n } from '../../i18n';

/** 我的账号: who I am, where I serve, and my password. */
export default function AccountPage({ me, onLogout }: { me: Me; onLogout(): Promise<void> }) {
  const { t, pick, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ currentPassword: string; newPassword: string }>();

  const change = async (values: { currentPassword: string; newPassword: string }) => {
    try {
      await post('/auth/password', values);
      void message.success(t('passwordChanged'));
      form.resetFields();
    } catch (e) {
      void message.error(e instanceof ApiError ? e.messageIn(locale) : String(e));
    }
  };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%', maxWidth: 720 }}>
      <Card title={t('account')}>
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('personName')}>{me.name}</Descriptions.Item>
          <Descriptions.Item label={t('phone')}>{me.phone}</Descriptions.Item>
        </Descriptions>
        <List
          header={t('myRoles')}
          dataSource={me.grants}
          renderItem={(g) => (
            <List.Item>
              <Tag color="red">{pick(ROLE_LABELS[g.role])}</Tag>
              {g.unitTrail.join(' / ')}
              {g.postName ? ` · ${g.postName}` : ''}
            </List.Item>
          )}
        />
      </Card>
      <Card title={t('changePassword')}>
        <Form form={form} layout="vertical" onFinish={(v) => void change(v)} style={{ maxWidth: 360 }}>
          <Form.Item name="currentPassword" label={t('currentPassword')} rules={[{ required: true }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('newPassword')}
            extra={t('passwordHint')}
            rules={[{ required: true, min: 8 }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit">
              {t('changePassword')}
            </Button>
            <Button onClick={() => void onLogout()}>{t('logout')}</Button>
          </Space>
        </Form>
      </Card>
    </Space>
  );
}
