import type { Me } from '@domain/auth/schemas';
import { TEMPLATE_KEEPERS } from '@domain/evaluations/policy';
import type { RoundList, RoundSummary, RoundView, TemplateView } from '@domain/evaluations/schemas';
import {
  App,
  Button,
  Card,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, get, post } from '../../api/client';
import { formatDateTime, useI18n } from '../../i18n';
import { UnitPicker } from '../org/UnitPicker';

/** 自治考评 in the console: the templates of a village or town, and every round across the area, read-only. */
export default function EvaluationsPage({ me }: { me: Me }) {
  const { t } = useI18n();
  const keeps = me.grants.some((g) => TEMPLATE_KEEPERS.includes(g.role));
  const home = me.grants[0]?.unitId;
  return (
    <Tabs
      items={[
        { key: 'rounds', label: t('evalRounds'), children: <RoundsPanel homeUnitId={home} /> },
        {
          key: 'templates',
          label: t('evalTemplates'),
          children: <TemplatesPanel homeUnitId={home} keeps={keeps} />,
        },
      ]}
    />
  );
}

function useFail() {
  const { message } = App.useApp();
  const { locale } = useI18n();
  return useCallback(
    (e: unknown) => void message.error(e instanceof ApiError ? e.messageIn(locale) : String(e)),
    [message, locale],
  );
}

function TemplateCard({ template }: { template: TemplateView }) {
  const { t, locale } = useI18n();
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      title={`${template.name} · ${template.unitName}`}
      extra={
        template.validTo ? (
          <Tag>{t('evalEnded')}</Tag>
        ) : (
          <Tag color="green" data-testid="eval-template-in-force">
            {t('evalInForce')}
          </Tag>
        )
      }
    >
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('evalValidFrom')}>
          {formatDateTime(template.validFrom, locale)}
          {template.validTo ? ` – ${formatDateTime(template.validTo, locale)}` : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('evalCriteria')}>
          <Space wrap>
            {template.criteria.map((c) => (
              <Tag key={c.key}>
                {c.name} {c.max}
              </Tag>
            ))}
            <span>= {template.maxTotal}</span>
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('evalBands')}>
          <Space wrap>
            {template.bands.map((b) => (
              <Tag key={b.minTotal} color={b.points > 0 ? 'green' : b.points < 0 ? 'red' : undefined}>
                {t('evalBand', { min: b.minTotal, points: b.points > 0 ? `+${b.points}` : b.points })}
              </Tag>
            ))}
          </Space>
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

interface TemplateForm {
  name: string;
  criteria: { key?: string; name: string; max: number }[];
  bands: { minTotal: number; points: number }[];
}

function TemplatesPanel({ homeUnitId, keeps }: { homeUnitId: string | undefined; keeps: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const fail = useFail();
  const [unitId, setUnitId] = useState(homeUnitId);
  const [unitKind, setUnitKind] = useState<string | null>(null);
  const [templates, setTemplates] = useState<TemplateView[]>([]);
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm<TemplateForm>();
  const load = useCallback(async () => {
    if (!unitId) return;
    try {
      setTemplates(await get<TemplateView[]>(`/evaluations/templates?unitId=${unitId}`));
    } catch (e) {
      fail(e);
    }
  }, [unitId, fail]);
  useEffect(() => {
    void load();
  }, [load]);

  const current =
    templates.find((x) => !x.validTo && x.unitId === unitId) ?? templates.find((x) => !x.validTo);
  const startEditing = () => {
    form.setFieldsValue({
      name: current?.name ?? '',
      criteria: current?.criteria ?? [{ name: '', max: 10 }],
      bands: current?.bands ?? [{ minTotal: 0, points: 0 }],
    });
    setEditing(true);
  };
  const save = async () => {
    const values = await form.validateFields();
    const used = new Set<string>();
    const criteria = values.criteria.map((c, i) => {
      let key = c.key ?? `c${i + 1}`;
      while (used.has(key)) key = `${key}_${i}`;
      used.add(key);
      return { key, name: c.name, max: c.max };
    });
    try {
      await post('/evaluations/templates', { unitId, name: values.name, criteria, bands: values.bands });
      void message.success(t('published'));
      setEditing(false);
      await load();
    } catch (e) {
      fail(e);
    }
  };

  return (
    <Card
      title={
        <span style={{ minWidth: 260, display: 'inline-block' }}>
          <UnitPicker
            value={unitId}
            onChange={(id, unit) => {
              setUnitId(id);
              setUnitKind(unit.kind === 'village' || unit.kind === 'town' ? unit.kind : 'other');
            }}
            selectable={(u) => u.kind === 'village' || u.kind === 'town'}
            deepest="village"
            testId="eval-template-unit"
          />
        </span>
      }
      extra={
        keeps &&
        unitId &&
        unitKind !== 'other' && (
          <Button type="primary" onClick={startEditing} data-testid="eval-template-new">
            {t('evalNewVersion')}
          </Button>
        )
      }
    >
      {templates.map((x) => (
        <TemplateCard key={x.id} template={x} />
      ))}
      <Modal
        open={editing}
        title={t('evalNewVersion')}
        onCancel={() => setEditing(false)}
        onOk={() => void save()}
        width={640}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="name" label={t('evalTemplateName')} rules={[{ required: true, max: 60 }]}>
            <Input data-testid="eval-template-name" />
          </Form.Item>
          <Form.List name="criteria">
            {(fields, { add, remove }) => (
              <Card size="small" title={t('evalCriteria')} style={{ marginBottom: 12 }}>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline">
                    <Form.Item name={[f.name, 'key']} hidden>
                      <Input />
                    </Form.Item>
                    <Form.Item name={[f.name, 'name']} rules={[{ required: true, max: 30 }]}>
                      <Input placeholder={t('evalCriterionName')} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'max']} rules={[{ required: true }]}>
                      <InputNumber min={1} max={100} precision={0} addonBefore={t('evalMax')} />
                    </Form.Item>
                    <Button onClick={() => remove(f.name)} disabled={fields.length <= 1}>
                      −
                    </Button>
                  </Space>
                ))}
                <Button onClick={() => add({ name: '', max: 10 })} disabled={fields.length >= 12}>
                  {t('evalAddCriterion')}
                </Button>
              </Card>
            )}
          </Form.List>
          <Form.List name="bands">
            {(fields, { add, remove }) => (
              <Card size="small" title={t('evalBands')}>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline">
                    <Form.Item name={[f.name, 'minTotal']} rules={[{ required: true }]}>
                      <InputNumber min={0} max={1200} precision={0} addonBefore={t('evalMinTotal')} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'points']} rules={[{ required: true }]}>
                      <InputNumber min={-1000} max={1000} precision={0} addonBefore={t('evalPoints')} />
                    </Form.Item>
                    <Button onClick={() => remove(f.name)} disabled={fields.length <= 1}>
                      −
                    </Button>
                  </Space>
                ))}
                <Button onClick={() => add({ minTotal: 0, points: 0 })} disabled={fields.length >= 10}>
                  {t('evalAddBand')}
                </Button>
              </Card>
            )}
          </Form.List>
        </Form>
      </Modal>
    </Card>
  );
}

function RoundsPanel({ homeUnitId }: { homeUnitId: string | undefined }) {
  const { t, locale } = useI18n();
  const fail = useFail();
  const [unitId, setUnitId] = useState(homeUnitId);
  const [month, setMonth] = useState<string | undefined>();
  const [list, setList] = useState<RoundList | null>(null);
  const [open, setOpen] = useState<RoundView | null>(null);
  const load = useCallback(async () => {
    if (!unitId) return;
    try {
      setList(await get<RoundList>(`/evaluations/rounds?unitId=${unitId}${month ? `&month=${month}` : ''}`));
    } catch (e) {
      fail(e);
    }
  }, [unitId, month, fail]);
  useEffect(() => {
    void load();
  }, [load]);
  const view = async (r: RoundSummary) => {
    try {
      setOpen(await get<RoundView>(`/evaluations/rounds/${r.id}`));
    } catch (e) {
      fail(e);
    }
  };
  const months = [...new Set(list?.rounds.map((r) => r.month) ?? [])];

  return (
    <Card
      title={
        <Space wrap>
          <span style={{ minWidth: 260, display: 'inline-block' }}>
            <UnitPicker
              value={unitId}
              onChange={(id) => setUnitId(id)}
              selectable={() => true}
              testId="eval-scope"
            />
          </span>
          <Select
            allowClear
            placeholder={t('evalMonth')}
            style={{ width: 140 }}
            value={month}
            onChange={(m) => setMonth(m)}
            options={(month ? [month, ...months.filter((m) => m !== month)] : months).map((m) => ({
              value: m,
              label: m,
            }))}
          />
          <Button onClick={() => void load()}>{t('refresh')}</Button>
        </Space>
      }
    >
      <Table<RoundSummary>
        rowKey="id"
        dataSource={list?.rounds ?? []}
        pagination={{ pageSize: 20 }}
        scroll={{ x: 760 }}
        onRow={(r) => ({ 'data-testid': `eval-round-${r.courtyardName}-${r.month}` }) as never}
        columns={[
          { title: t('evalMonth'), dataIndex: 'month', width: 100 },
          { title: t('evalCourtyard'), dataIndex: 'courtyardName' },
          {
            title: t('evalStatus'),
            dataIndex: 'status',
            render: (s: string) => (
              <Tag color={s === 'published' ? 'green' : 'orange'}>
                {t(s === 'published' ? 'evalStatusPublished' : 'evalStatusOpen')}
              </Tag>
            ),
          },
          {
            title: t('evalScored'),
            render: (_: unknown, r) => `${r.scored} / ${r.households}`,
          },
          { title: t('evalPointsAwarded'), dataIndex: 'pointsAwarded' },
          {
            title: t('evalStatusPublished'),
            dataIndex: 'publishedAt',
            render: (at: string | null) => (at ? formatDateTime(at, locale) : '—'),
          },
          {
            title: '',
            render: (_: unknown, r) => (
              <Button size="small" onClick={() => void view(r)}>
                {t('evalView')}
              </Button>
            ),
          },
        ]}
      />
      <Drawer
        open={!!open}
        onClose={() => setOpen(null)}
        width={760}
        title={open ? `${open.month} · ${open.courtyardName} · ${open.template.name}` : ''}
      >
        {open && (
          <Table
            rowKey="householdId"
            size="small"
            pagination={false}
            dataSource={open.scorecards}
            scroll={{ x: 600 }}
            columns={[
              {
                title: t('household'),
                render: (_: unknown, c) => `${c.address}${c.headName ? ` · ${c.headName}` : ''}`,
              },
              ...open.template.criteria.map((cr) => ({
                title: `${cr.name} (${cr.max})`,
                render: (_: unknown, c: RoundView['scorecards'][number]) => {
                  const line = c.scores.find((s) => s.key === cr.key);
                  return line ? <span title={line.note}>{line.score}</span> : '—';
                },
              })),
              {
                title: t('evalScoreTotal'),
                render: (_: unknown, c) =>
                  c.status === 'unscored' ? <Tag>{t('evalUnscored')}</Tag> : (c.total ?? '—'),
              },
              {
                title: t('evalPointsAwarded'),
                render: (_: unknown, c) =>
                  c.pointsAwarded === null
                    ? '—'
                    : c.pointsComputed !== c.pointsAwarded
                      ? `${c.pointsAwarded} (${c.pointsComputed})`
                      : c.pointsAwarded,
              },
            ]}
          />
        )}
      </Drawer>
    </Card>
  );
}
