import type { Me } from '@domain/auth/schemas';
import { CLOCK_STAGES, type ClockStage, MATTER_LEVELS } from '@domain/matters/schemas';
import type { MatterView } from '@domain/matters/views';
import { SECTOR_KINDS, SECTOR_LABELS, type SectorKind } from '@domain/org/kinds';
import {
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError, get, patch, post } from '../../api/client';
import { useI18n } from '../../i18n';
import { UnitPicker } from '../org/UnitPicker';

const LEVEL_LABELS = {
  grid: ['网格', 'Grid'],
  village: ['村社', 'Village'],
  town: ['镇街', 'Town'],
} as const;
const STAGE_LABELS: Record<ClockStage, readonly [string, string]> = {
  accept: ['受理', 'Accept'],
  dispatch: ['派遣', 'Dispatch'],
  handle: ['处置', 'Handle'],
  verify: ['核查', 'Verify'],
  close: ['结案', 'Close'],
};

interface Row extends MatterView {
  children?: Row[];
}

/** 事项清单: a town's catalogue of matters, with their level, post and time limits, edited by its center. */
export default function MattersPage({ me }: { me: Me }) {
  const { t, pick, locale } = useI18n();
  const { message } = App.useApp();
  const ownTown = me.grants.find(
    (g) => g.unitKind === 'town' && ['center_operator', 'admin'].includes(g.role),
  );
  const [townId, setTownId] = useState<string | undefined>(ownTown?.unitId);
  const [matters, setMatters] = useState<MatterView[]>([]);
  const [posts, setPosts] = useState<{ value: string; label: string }[]>([]);
  const [editing, setEditing] = useState<MatterView | 'new' | null>(null);
  const [form] = Form.useForm();
  const i = locale === 'en' ? 1 : 0;

  const fail = useCallback(
    (e: unknown) => void message.error(e instanceof ApiError ? e.messageIn(locale) : String(e)),
    [message, locale],
  );
  const load = useCallback(async () => {
    if (!townId) return;
    try {
      setMatters(await get<MatterView[]>(`/org/units/${townId}/matters`));
      const sectors = await get<
        { kind: SectorKind; posts: { id: string; name: string; retired: boolean }[] }[]
      >(`/org/units/${townId}/sectors`);
      setPosts(
        sectors.flatMap((s) =>
          s.posts
            .filter((p) => !p.retired)
            .map((p) => ({ value: p.id, label: `${pick(SECTOR_LABELS[s.kind])} · ${p.name}` })),
        ),
      );
    } catch (e) {
      fail(e);
    }
  }, [townId, fail, pick]);
  useEffect(() => {
    void load();
  }, [load]);

  const tree = useMemo<Row[]>(
    () =>
      matters
        .filter((m) => !m.parentId)
        .map((c) => ({ ...c, children: matters.filter((m) => m.parentId === c.id) })),
    [matters],
  );

  const open = (m: MatterView | 'new') => {
    setEditing(m);
    form.setFieldsValue(
      m === 'new'
        ? {
            level: 'grid',
            sector: 'livelihood',
            isDispute: false,
            directToFacilityWorker: false,
            workingDays: false,
            limits: matters[0]?.limits,
          }
        : { ...m, postId: m.post?.id ?? null },
    );
  };

  const save = async () => {
    const v = await form.validateFields();
    try {
      if (editing === 'new') await post(`/org/units/${townId}/matters`, { ...v, postId: v.postId ?? null });
      else if (editing) {
        const { code: _code, parentId: _parent, ...changes } = v;
        await patch(`/matters/${editing.id}`, { ...changes, postId: v.postId ?? null });
      }
      setEditing(null);
      void message.success(t('saved'));
      await load();
    } catch (e) {
      fail(e);
    }
  };

  return (
    <Card
      title={t('matters')}
      extra={
        <Space>
          {!ownTown && (
            <UnitPicker
              value={townId}
              onChange={setTownId}
              selectable={(u) => u.kind === 'town'}
              deepest="town"
              placeholder={t('unit')}
            />
          )}
          <Button type="primary" disabled={!townId} onClick={() => open('new')}>
            {t('addMatter')}
          </Button>
        </Space>
      }
    >
      <Table<Row>
        rowKey="id"
        dataSource={tree}
        pagination={false}
        size="small"
        columns={[
          { title: t('code'), dataIndex: 'code', width: 110 },
          { title: t('name'), render: (_, m) => (m.retired ? <s>{m.name}</s> : m.name) },
          { title: t('level'), render: (_, m) => LEVEL_LABELS[m.level][i] },
          { title: t('sector'), render: (_, m) => pick(SECTOR_LABELS[m.sector]) },
          { title: t('post'), render: (_, m) => m.post?.name ?? '—' },
          {
            title: t('flags'),
            render: (_, m) => (
              <Space size={4}>
                {m.isDispute && <Tag color="purple">{t('dispute')}</Tag>}
                {m.directToFacilityWorker && <Tag color="blue">{t('direct')}</Tag>}
                {m.workingDays && <Tag color="green">{t('workingDays')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('handleHours'),
            render: (_, m) => `${m.limits.normal.handle} / ${m.limits.urgent.handle}`,
          },
          {
            title: t('actions'),
            render: (_, m) =>
              m.retired ? null : (
                <Space>
                  <Button size="small" type="link" onClick={() => open(m)}>
                    {t('edit')}
                  </Button>
                  <Button
                    size="small"
                    type="link"
                    danger
                    onClick={() => void post(`/matters/${m.id}/retire`).then(load, fail)}
                  >
                    {t('retire')}
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('addMatter') : t('edit')}
        onCancel={() => setEditing(null)}
        onOk={() => void save()}
        width={720}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          {editing === 'new' && (
            <Space>
              <Form.Item name="parentId" label={t('category')} rules={[{ required: true }]}>
                <Select
                  style={{ width: 200 }}
                  options={matters.filter((m) => !m.parentId).map((m) => ({ value: m.id, label: m.name }))}
                />
              </Form.Item>
              <Form.Item
                name="code"
                label={t('code')}
                rules={[{ required: true, pattern: /^[A-Z0-9][A-Z0-9-]{0,31}$/ }]}
              >
                <Input style={{ width: 140 }} />
              </Form.Item>
            </Space>
          )}
          <Space wrap>
            <Form.Item name="name" label={t('name')} rules={[{ required: true, max: 60 }]}>
              <Input style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="level" label={t('level')} rules={[{ required: true }]}>
              <Select
                style={{ width: 100 }}
                options={MATTER_LEVELS.map((l) => ({ value: l, label: LEVEL_LABELS[l][i] }))}
              />
            </Form.Item>
            <Form.Item name="sector" label={t('sector')} rules={[{ required: true }]}>
              <Select
                style={{ width: 140 }}
                options={SECTOR_KINDS.map((s) => ({ value: s, label: pick(SECTOR_LABELS[s]) }))}
              />
            </Form.Item>
            <Form.Item name="postId" label={t('post')}>
              <Select style={{ width: 200 }} allowClear options={posts} />
            </Form.Item>
          </Space>
          <Space>
            <Form.Item name="isDispute" valuePropName="checked">
              <Checkbox>{t('dispute')}</Checkbox>
            </Form.Item>
            <Form.Item name="directToFacilityWorker" valuePropName="checked">
              <Checkbox>{t('direct')}</Checkbox>
            </Form.Item>
            <Form.Item name="workingDays" valuePropName="checked" tooltip={t('workingDaysHint')}>
              <Checkbox data-testid="matter-working-days">{t('workingDays')}</Checkbox>
            </Form.Item>
          </Space>
          {(['normal', 'urgent'] as const).map((urgency) => (
            <Space key={urgency} wrap align="end">
              <span style={{ width: 48, display: 'inline-block' }}>{t(urgency)}</span>
              {CLOCK_STAGES.map((stage) => (
                <Form.Item
                  key={stage}
                  name={['limits', urgency, stage]}
                  label={`${STAGE_LABELS[stage][i]} (h)`}
                  rules={[{ required: true }]}
                >
                  <InputNumber min={0.1} max={8760} style={{ width: 90 }} />
                </Form.Item>
              ))}
            </Space>
          ))}
        </Form>
      </Modal>
    </Card>
  );
}
