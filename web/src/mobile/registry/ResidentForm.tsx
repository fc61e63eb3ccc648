import { isValidBirthDate, isValidIdNumber, isValidPhone } from '@domain/registry/identity';
import {
  GENDER_LABELS,
  GENDERS,
  RELATION_LABELS,
  RELATIONS,
  RESIDENT_TAG_LABELS,
  RESIDENT_TAGS,
  type ResidentInput,
} from '@domain/registry/schemas';
import { Button, Form, Input, Selector } from 'antd-mobile';
import { useI18n } from '../../i18n';

export interface ResidentFormValues {
  name: string;
  relation: ResidentInput['relation'][];
  gender: ResidentInput['gender'][];
  birthDate: string;
  phone?: string;
  idNumber?: string;
  tags: ResidentInput['tags'];
}

/** The fields of one person, checked on the phone by the same rules the server applies. */
export function ResidentForm(props: {
  initial?: Partial<ResidentFormValues>;
  /** On an edit the numbers are shown masked, as placeholders; typed only to replace them. */
  masked?: { phone: string | null; idNumber: string | null };
  busy: boolean;
  onSubmit(input: Partial<ResidentInput>): void;
}) {
  const { t, pick } = useI18n();
  const [form] = Form.useForm<ResidentFormValues>();
  const submit = (v: ResidentFormValues) => {
    const phone = v.phone?.trim();
    const idNumber = v.idNumber?.trim();
    props.onSubmit({
      name: v.name.trim(),
      relation: v.relation[0],
      gender: v.gender[0],
      birthDate: v.birthDate,
      tags: v.tags ?? [],
      ...(phone || !props.masked ? { phone: phone || null } : {}),
      ...(idNumber || !props.masked ? { idNumber: idNumber || null } : {}),
    });
  };
  const check = (ok: (v: string) => boolean, key: 'phoneRequired' | 'idNumber' | 'birthDate') => ({
    validator: async (_: unknown, value?: string) => {
      if (value && !ok(value.trim())) throw new Error(t(key));
    },
  });
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ tags: [], relation: ['head'], ...props.initial }}
      onFinish={submit}
      footer={
        <Button block type="submit" color="primary" loading={props.busy} data-testid="m-resident-save">
          {t('save')}
        </Button>
      }
    >
      <Form.Item name="name" label={t('personName')} rules={[{ required: true }]}>
        <Input maxLength={60} data-testid="m-resident-name" />
      </Form.Item>
      <Form.Item name="relation" label={t('relation')} rules={[{ required: true }]}>
        <Selector
          columns={4}
          options={RELATIONS.map((r) => ({ value: r, label: pick(RELATION_LABELS[r]) }))}
        />
      </Form.Item>
      <Form.Item name="gender" label={t('gender')} rules={[{ required: true }]}>
        <Selector columns={2} options={GENDERS.map((g) => ({ value: g, label: pick(GENDER_LABELS[g]) }))} />
      </Form.Item>
      <Form.Item
        name="birthDate"
        label={t('birthDate')}
        rules={[{ required: true }, check((d) => isValidBirthDate(d), 'birthDate')]}
      >
        <Input type="date" data-testid="m-resident-birth" />
      </Form.Item>
      <Form.Item name="phone" label={t('phone')} rules={[check(isValidPhone, 'phoneRequired')]}>
        <Input type="tel" maxLength={11} placeholder={props.masked?.phone ?? undefined} />
      </Form.Item>
      <Form.Item name="idNumber" label={t('idNumber')} rules={[check(isValidIdNumber, 'idNumber')]}>
        <Input maxLength={18} placeholder={props.masked?.idNumber ?? undefined} />
      </Form.Item>
      <Form.Item name="tags" label={t('residentTags')}>
        <Selector
          multiple
          columns={3}
          options={RESIDENT_TAGS.map((tag) => ({ value: tag, label: pick(RESIDENT_TAG_LABELS[tag]) }))}
        />
      </Form.Item>
    </Form>
  );
}
