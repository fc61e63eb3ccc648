import type { RevealField } from '@domain/registry/schemas';
import { App, Button, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { useI18n } from '../../i18n';
import { reveal } from '../../registry/api';

/** A masked number and, for those whose work needs it, the way to see it whole: with a reason, logged. */
export function RevealButton(props: {
  residentId: string;
  field: RevealField;
  masked: string | null;
  allowed: boolean;
}) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [asking, setAsking] = useState(false);
  const [value, setValue] = useState<string | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const label = props.field === 'idNumber' ? t('idNumber') : t('phone');

  if (!props.masked) return <>—</>;
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      setValue((await reveal(props.residentId, props.field, v.reason)).value);
      setAsking(false);
      form.resetFields();
    } catch (e) {
      void message.error(e instanceof ApiError ? e.messageIn(locale) : String(e));
    }
  };
  return (
    <>
      <Typography.Text copyable={value ? { text: value } : false} data-testid={`value-${props.field}`}>
        {value ?? props.masked}
      </Typography.Text>
      {props.allowed && !value && (
        <Button
          type="link"
          size="small"
          onClick={() => setAsking(true)}
          data-testid={`reveal-${props.field}`}
        >
          {t('reveal')}
        </Button>
      )}
      <Modal
        open={asking}
        title={t('revealTitle', { field: label })}
        onOk={() => void submit()}
        onCancel={() => setAsking(false)}
        okText={t('ok')}
        cancelText={t('cancel')}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="reason"
            label={t('revealReason')}
            rules={[{ required: true, min: 2, message: t('revealReasonRequired') }]}
          >
            <Input.TextArea rows={2} maxLength={200} data-testid="reveal-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
