import { ROLE_LABELS } from '@domain/auth/roles';
import type { Me } from '@domain/auth/schemas';
import { Button, Dialog, Form, Input, List, NavBar, Toast } from 'antd-mobile';
import { useState } from 'react';
import { ApiError, post } from '../api/client';
import { useI18n } from '../i18n';
import { placeOf } from '../shared/place';

export function MePage({ me, onLogout }: { me: Me; onLogout(): Promise<void> }) {
  const { t, pick, locale, setLocale } = useI18n();
  const [changing, setChanging] = useState(false);

  const change = async (values: { currentPassword: string; newPassword: string }) => {
    try {
      await post('/auth/password', values);
      Toast.show({ icon: 'success', content: t('passwordChanged') });
      setChanging(false);
    } catch (e) {
      Toast.show({ icon: 'fail', content: e instanceof ApiError ? e.messageIn(locale) : String(e) });
    }
  };

  return (
    <div>
      <NavBar backIcon={null}>{t('me')}</NavBar>
      <List header={`${me.name} · ${me.phone}`}>
        {me.grants.map((g) => (
          <List.Item key={g.id} description={placeOf(g.unitTrail) + (g.postName ? ` · ${g.postName}` : '')}>
            {pick(ROLE_LABELS[g.role])}
          </List.Item>
        ))}
      </List>
      <List style={{ marginTop: 12 }}>
        <List.Item onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')} extra={t('language')}>
          Language / 语言
        </List.Item>
        <List.Item onClick={() => setChanging((c) => !c)}>{t('changePassword')}</List.Item>
      </List>
      {changing && (
        <Form
          layout="vertical"
          onFinish={(v) => void change(v)}
          footer={
            <Button block type="submit" color="primary">
              {t('save')}
            </Button>
          }
        >
          <Form.Item name="currentPassword" label={t('currentPassword')} rules={[{ required: true }]}>
            <Input type="password" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('newPassword')}
            help={t('passwordHint')}
            rules={[{ required: true, min: 8 }]}
          >
            <Input type="password" />
          </Form.Item>
        </Form>
      )}
      <div style={{ padding: 16 }}>
        <Button
          block
          color="danger"
          fill="outline"
          size="large"
          data-testid="m-logout"
          onClick={() => void Dialog.confirm({ content: t('logout'), onConfirm: () => onLogout() })}
        >
          {t('logout')}
        </Button>
      </div>
    </div>
  );
}
