import { NOTICE_CATEGORIES, NOTICE_CATEGORY_LABELS, type NoticeCategory } from '@domain/notices/schemas';
import { Button, Form, Input, NavBar, Selector, Switch, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import { ApiError, post } from '../../api/client';
import { useI18n } from '../../i18n';

/** A courtyard head's notice to their own courtyard, written on the phone. */
export function NoticeComposePage({
  courtyard,
  onBack,
  onSent,
}: {
  courtyard: { id: string; name: string };
  onBack(): void;
  onSent(): void;
}) {
  const { t, pick, locale } = useI18n();
  const [busy, setBusy] = useState(false);
  const submit = async (values: {
    title: string;
    body: string;
    category: NoticeCategory[];
    pinned?: boolean;
  }) => {
    setBusy(true);
    try {
      await post('/notices', {
        unitId: courtyard.id,
        title: values.title,
        body: values.body,
        category: values.category[0] ?? 'notice',
        pinned: !!values.pinned,
      });
      Toast.show({ content: t('published') });
      onSent();
    } catch (e) {
      Toast.show({ content: e instanceof ApiError ? e.messageIn(locale) : String(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div>
      <NavBar onBack={onBack}>{t('publishNotice')}</NavBar>
      <Form
        layout="vertical"
        initialValues={{ category: ['notice'], pinned: false }}
        onFinish={(v) => void submit(v)}
        footer={
          <Button
            block
            type="submit"
            color="primary"
            size="large"
            loading={busy}
            data-testid="m-notice-submit"
          >
            {t('publish')}
          </Button>
        }
      >
        <Form.Item label={t('noticeTarget')}>{courtyard.name}</Form.Item>
        <Form.Item name="category" label={t('noticeCategory')} rules={[{ required: true }]}>
          <Selector
            options={NOTICE_CATEGORIES.map((c) => ({ value: c, label: pick(NOTICE_CATEGORY_LABELS[c]) }))}
          />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('noticeTitle')}
          rules={[{ required: true, whitespace: true, max: 100 }]}
        >
          <Input data-testid="m-notice-title" maxLength={100} />
        </Form.Item>
        <Form.Item
          name="body"
          label={t('noticeBody')}
          help={t('noticeBodyHelp')}
          rules={[{ required: true, whitespace: true, max: 10_000 }]}
        >
          <TextArea rows={6} maxLength={10_000} data-testid="m-notice-body" />
        </Form.Item>
        <Form.Item name="pinned" label={t('pinned')} childElementPosition="right" valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </div>
  );
}
