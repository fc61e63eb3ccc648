import { Button, Form, Input, NavBar, Toast } from 'antd-mobile';
import { useState } from 'react';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n';

export function MobileLogin({ onLogin }: { onLogin: (phone: string, password: string) => Promise<void> }) {
  const { t, locale, setLocale } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (values: { phone: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      await onLogin(values.phone, values.password);
    } catch (e) {
      const text = e instanceof ApiError ? e.messageIn(locale) : String(e);
      setError(text);
      Toast.show({ content: text });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <NavBar
        backIcon={null}
        right={
          <Button size="mini" fill="none" onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')}>
            {t('language')}
          </Button>
        }
      >
        {t('appMobile')}
      </NavBar>
      <div style={{ padding: '32px 16px 8px', textAlign: 'center' }}>
        <div style={{ fontSize: 28, fontWeight: 600, color: '#c8102e' }}>{t('appMobile')}</div>
        <div style={{ color: '#888', marginTop: 4 }}>{t('loginTitle')}</div>
      </div>
      <Form
        layout="vertical"
        onFinish={(v) => void submit(v)}
        footer={
          <Button
            block
            type="submit"
            color="primary"
            size="large"
            loading={busy}
            data-testid="m-login-submit"
          >
            {t('login')}
          </Button>
        }
      >
        <Form.Item
          name="phone"
          label={t('phone')}
          rules={[{ required: true, pattern: /^1[3-9]\d{9}$/, message: t('phoneRequired') }]}
        >
          <Input
            type="tel"
            inputMode="numeric"
            maxLength={11}
            clearable
            autoComplete="username"
            data-testid="m-login-phone"
          />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('password')}
          rules={[{ required: true, message: t('passwordRequired') }]}
        >
          <Input type="password" clearable autoComplete="current-password" data-testid="m-login-password" />
        </Form.Item>
      </Form>
      {error && (
        <div
          role="alert"
          data-testid="m-login-error"
          style={{ color: '#c8102e', padding: '0 16px', textAlign: 'center' }}
        >
          {error}
        </div>
      )}
    </div>
  );
}
