import type { OrgUnitDetail } from '@domain/org/schemas';
import { Alert, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { ApiError, patch, post } from '../../api/client';
import { useI18n } from '../../i18n';

type Props =
  | {
      mode: 'create';
      parent: OrgUnitDetail;
      unit?: undefined;
      onClose(): void;
      onSaved(unit: OrgUnitDetail): Promise<void>;
    }
  | {
      mode: 'edit';
      unit: OrgUnitDetail;
      parent?: undefined;
      onClose(): void;
      onSaved(unit: OrgUnitDetail): Promise<void>;
    };

/** Creates a sub-unit or edits a unit's name and code; the server's refusal is shown as it is worded. */
export function UnitFormModal(props: Props) {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<{ name: string; code?: string }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const values = await form.validateFields();
    const body = { name: values.name.trim(), ...(values.code?.trim() ? { code: values.code.trim() } : {}) };
    setBusy(true);
    setError(null);
    try {
      const saved =
        props.mode === 'create'
          ? await post<OrgUnitDetail>('/org/units', { parentId: props.parent.id, ...body })
          : await patch<OrgUnitDetail>(`/org/units/${props.unit.id}`, body);
      await props.onSaved(saved);
    } catch (e) {
      setError(e instanceof ApiError ? e.messageIn(locale) : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={
        props.mode === 'create'
          ? `${t('createChild')} · ${props.parent.name}`
          : `${t('edit')} · ${props.unit.name}`
      }
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={props.mode === 'edit' ? { name: props.unit.name, code: props.unit.code } : {}}
      >
        <Form.Item name="name" label={t('name')} rules={[{ required: true, max: 60 }]}>
          <Input autoFocus data-testid="unit-name" />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('codeOptional')}
          rules={[{ pattern: /^[0-9A-Za-z][0-9A-Za-z-]{0,39}$/ }]}
        >
          <Input data-testid="unit-code" />
        </Form.Item>
      </Form>
      {error && <Alert type="error" title={error} />}
    </Modal>
  );
}
