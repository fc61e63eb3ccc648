import { Form, Input, Modal } from 'antd';

/**
 * Asks why before an action that undoes something (reversing a points entry, cancelling a redemption):
 * the reason is required and is kept with the record, so the household can be told.
 */
export function ReasonModal({
  open,
  title,
  label,
  onSubmit,
  onClose,
}: {
  open: boolean;
  title: string;
  label: string;
  onSubmit(reason: string): Promise<void>;
  onClose(): void;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  const submit = async () => {
    const { reason } = await form.validateFields();
    await onSubmit(reason);
    form.resetFields();
  };
  return (
    <Modal open={open} title={title} onCancel={onClose} onOk={() => void submit()} destroyOnHidden>
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={label} rules={[{ required: true, whitespace: true, max: 500 }]}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
