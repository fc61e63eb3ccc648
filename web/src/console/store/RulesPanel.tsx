import type { Role } from '@domain/auth/roles';
import { ROLE_LABELS } from '@domain/auth/roles';
import type { OrgUnit } from '@domain/org/schemas';
import { POINT_AWARDERS } from '@domain/points/policy';
import { POINT_EVIDENCE, type PointEvidence, type PointRuleView } from '@domain/points/schemas';
import {
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Switch,
  Table,
  Tag,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { get, post } from '../../api/client';
import { formatDateTime, useI18n } from '../../i18n';
import { UnitPicker } from '../org/UnitPicker';
import { useFail } from './useFail';

const EVIDENCE_LABELS: Record<PointEvidence, { zh: string; en: string }> = {
  none: { zh: '无需', en: 'None' },
  photo: { zh: '照片', en: 'Photo' },
  note: { zh: '文字说明', en: 'Written note' },
};

interface RuleForm {
  actionCode: string;
  name: string;
  points: number;
  awarders: Role[];
  evidence: PointEvidence;
  capPerDay: number | null;
  capPerMonth: number | null;
  automatic: boolean;
  validFrom: Dayjs | null;
}

const inForce = (r: PointRuleView, now = Date.now()) =>
  new Date(r.validFrom).getTime() <= now && (!r.validTo || now < new Date(r.validTo).getTime());

/**
 * The point rules of a town or village, every version. A change is a new version from a moment on;
 * what was awarded before keeps the version it was awarded under.
 */
export function RulesPanel({ homeUnitId, canEdit }: { homeUnitId: string | undefined; canEdit: boolean }) {
  const { t, pick, locale } = useI18n();
  const fail = useFail();
  const [unit, setUnit] = useState<{ id: string; kind?: OrgUnit['kind'] } | undefined>(
    homeUnitId ? { id: homeUnitId } : undefined,
  );
  const [rows, setRows] = useState<PointRuleView[]>([]);
  const [editing, setEditing] = useState<PointRuleView | 'new' | null>(null);
  const [form] = Form.useForm<RuleForm>();

  const load = useCallback(async () => {
    if (!unit) return;
    try {
      setRows(await get<PointRuleView[]>(`/points/rules?unitId=${unit.id}`));
    } catch (e) {
      fail(e);
    }
  }, [unit, fail]);
  useEffect(() => {
    void load();
  }, [load]);

  const open = (rule: PointRuleView | 'new') => setEditing(rule);
  const rule = editing;
  const initial: RuleForm =
    rule === 'new' || rule === null
      ? {
          actionCode: '',
          name: '',
          points: 5,
          awarders: ['grid_worker', 'courtyard_head'],
          evidence: 'note',
          capPerDay: null,
          capPerMonth: null,
          automatic: false,
          validFrom: null,
        }
      : {
          actionCode: rule.actionCode,
          name: rule.name,
          points: rule.points,
          awarders: rule.awarders as Role[],
          evidence: rule.evidence,
          capPerDay: rule.capPerDay,
          capPerMonth: rule.capPerMonth,
          automatic: rule.automatic,
          validFrom: null,
        };
  const save = async () => {
    const { validFrom, ...values } = await form.validateFields();
    const target = editing === 'new' ? unit?.id : editing?.unitId;
    try {
      await post('/points/rules', {
        ...values,
        actionCode: values.actionCode.trim().toUpperCase(),
        unitId: target,
        capPerDay: values.capPerDay ?? null,
        capPerMonth: values.capPerMonth ?? null,
        ...(validFrom ? { validFrom: validFrom.toDate().toISOString() } : {}),
      });
      setEditing(null);
    } catch (e) {
      fail(e);
    }
    await load();
  };

  const canCreateHere = canEdit && (unit?.kind === 'village' || unit?.kind === 'town');
  return (
    <Card
      title={
        <Space wrap>
          <span style={{ minWidth: 240, display: 'inline-block' }}>
            <UnitPicker
              value={unit?.id}
              onChange={(id, u) => setUnit({ id, kind: u.kind })}
              selectable={(u) => ['town', 'village', 'grid', 'courtyard'].includes(u.kind)}
            />
          </span>
          <Button onClick={() => void load()}>{t('refresh')}</Button>
        </Space>
      }
      extra={
        canEdit && (
          <Button type="primary" disabled={!canCreateHere} onClick={() => open('new')}>
            {t('newRule')}
          </Button>
        )
      }
    >
      <Table<PointRuleView>
        rowKey="id"
        dataSource={rows}
        pagination={false}
        scroll={{ x: 960 }}
        onRow={(r) => ({ 'data-testid': `rule-${r.actionCode}-${r.validTo ? 'old' : 'current'}` }) as never}
        columns={[
          {
            title: t('name'),
            render: (_, r) => (
              <Space size={4} wrap>
                {r.name}
                <Tag>{r.actionCode}</Tag>
                {r.unitKind === 'village' && <Tag color="blue">村</Tag>}
                {inForce(r) && <Tag color="green">{t('inForce')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('points'),
            render: (_, r) => (
              <span style={{ color: r.points > 0 ? '#389e0d' : '#c8102e' }}>
                {r.points > 0 ? `+${r.points}` : r.points}
              </span>
            ),
          },
          {
            title: t('awarders'),
            render: (_, r) =>
              r.automatic
                ? t('automatic')
                : r.awarders.map((a) => pick(ROLE_LABELS[a as Role] ?? { zh: a, en: a })).join('、'),
          },
          { title: t('evidence'), render: (_, r) => pick(EVIDENCE_LABELS[r.evidence]) },
          {
            title: `${t('capPerDay')} / ${t('capPerMonth')}`,
            render: (_, r) => `${r.capPerDay ?? '—'} / ${r.capPerMonth ?? '—'}`,
          },
          {
            title: t('validFrom'),
            render: (_, r) =>
              `${formatDateTime(r.validFrom, locale)}${r.validTo ? ` → ${formatDateTime(r.validTo, locale)}` : ''}`,
          },
          {
            title: '',
            render: (_, r) =>
              canEdit &&
              !r.validTo && (
                <Button size="small" onClick={() => open(r)}>
                  {t('newVersion')}
                </Button>
              ),
          },
        ]}
      />
      <Modal
        open={!!editing}
        title={editing === 'new' ? t('newRule') : `${t('newVersion')} · ${editing?.name ?? ''}`}
        onCancel={() => setEditing(null)}
        onOk={() => void save()}
        width={640}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={initial}>
          <Space size="large" wrap>
            <Form.Item
              name="actionCode"
              label={t('actionCode')}
              rules={[{ required: true, pattern: /^[A-Za-z][A-Za-z0-9_]{1,39}$/ }]}
            >
              <Input disabled={editing !== 'new'} placeholder="PATROL_SHIFT" />
            </Form.Item>
            <Form.Item name="name" label={t('name')} rules={[{ required: true, whitespace: true, max: 60 }]}>
              <Input maxLength={60} />
            </Form.Item>
            <Form.Item name="points" label={t('points')} rules={[{ required: true }]}>
              <InputNumber min={-1000} max={1000} precision={0} />
            </Form.Item>
          </Space>
          <Form.Item name="awarders" label={t('awarders')}>
            <Select
              mode="multiple"
              options={POINT_AWARDERS.map((r) => ({ value: r, label: pick(ROLE_LABELS[r]) }))}
            />
          </Form.Item>
          <Space size="large" wrap>
            <Form.Item name="evidence" label={t('evidence')}>
              <Select
                style={{ width: 140 }}
                options={POINT_EVIDENCE.map((e) => ({ value: e, label: pick(EVIDENCE_LABELS[e]) }))}
              />
            </Form.Item>
            <Form.Item name="capPerDay" label={t('capPerDay')}>
              <InputNumber min={1} max={1000} precision={0} />
            </Form.Item>
            <Form.Item name="capPerMonth" label={t('capPerMonth')}>
              <InputNumber min={1} max={10_000} precision={0} />
            </Form.Item>
            <Form.Item name="automatic" label={t('automatic')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Space>
          <Form.Item name="validFrom" label={t('validFrom')}>
            <DatePicker showTime />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
