import { Alert, Button, Card, Form, Input, Layout, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n';

export function LoginPage({
  title,
  onLogin,
}: {
  title: string;
  onLogin: (phone: string, password: string) => Promise<void>;
}) {
  const { t, locale, setLocale } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (values: { phone: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      await onLogin(values.phone, values.password);
    } catch (e) {
      setError(e instanceof ApiError ? e.messageIn(locale) : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Layout
      style={{ minHeight: '100vh', alignItems: 'center', justifyContent: 'center', background: '#f5f0eb' }}
    >
      <Card style={{ width: 380 }}>
        <Typography.Title level={3} style={{ textAlign: 'center' }}>
          {title}
        </Typography.Title>
        <Form layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
          <Form.Item
            name="phone"
            label={t('phone')}
            rules={[{ required: true, pattern: /^1[3-9]\d{9}$/, message: t('phoneRequired') }]}
          >
            <Input inputMode="numeric" maxLength={11} autoComplete="username" data-testid="login-phone" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('password')}
            rules={[{ required: true, message: t('passwordRequired') }]}
          >
            <Input.Password autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          {error && (
            <Alert type="error" title={error} style={{ marginBottom: 16 }} data-testid="login-error" />
          )}
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
            {t('login')}
          </Button>
        </Form>
        <Button
          type="link"
          block
          style={{ marginTop: 8 }}
          onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')}
        >
          {t('language')}
        </Button>
      </Card>
    </Layout>
  );
}
