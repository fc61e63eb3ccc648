import type { Me } from '@domain/auth/schemas';
import { FACILITY_KIND_INFO, FACILITY_KINDS, type FacilityView } from '@domain/facilities/schemas';
import type { UserView } from '@domain/users/schemas';
import {
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type HTMLAttributes, useCallback, useEffect, useState } from 'react';
import { ApiError, get, patch, post } from '../../api/client';
import { useI18n } from '../../i18n';
import { UnitPicker } from '../org/UnitPicker';

interface FormValues {
  code?: string;
  kind: string;
  place: string;
  unitId?: string;
  lat: number;
  lng: number;
  workerId?: string;
}

/**
 * 设施: the facilities of a village with how often each was reported in a period, most first, so the
 * truck's round can be planned; staff add and edit them and print their QR labels from here.
 */
export default function FacilitiesPage({ me }: { me: Me }) {
  const { t, pick, locale } = useI18n();
  const { message } = App.useApp();
  const home = me.grants.find((g) => ['center_operator', 'admin', 'district_supervisor'].includes(g.role));
  const [unitId, setUnitId] = useState<string | undefined>(home?.unitId);
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [
    dayjs().subtract(29, 'day').startOf('day'),
    dayjs(),
  ]);
  const [rows, setRows] = useState<FacilityView[]>([]);
  const [people, setPeople] = useState<{ value: string; label: string }[]>([]);
  const [editing, setEditing] = useState<FacilityView | 'new' | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<FormValues>();

  const fail = useCallback(
    (e: unknown) => void message.error(e instanceof ApiError ? e.messageIn(locale) : String(e)),
    [message, locale],
  );
  const load = useCallback(async () => {
    if (!unitId) return;
    const query = new URLSearchParams({
      from: range[0].startOf('day').toISOString(),
      to: range[1].endOf('day').toISOString(),
    });
    try {
      setRows(await get<FacilityView[]>(`/org/units/${unitId}/facilities?${query}`));
      const users = await get<{ items: UserView[] }>(`/users?unitId=${unitId}&limit=200`);
      setPeople(
        users.items.filter((u) => !u.disabled).map((u) => ({ value: u.id, label: `${u.name} ${u.phone}` })),
      );
    } catch (e) {
      fail(e);
    }
  }, [unitId, range, fail]);
  useEffect(() => {
    void load();
  }, [load]);

  const open = (f: FacilityView | 'new') => {
    setEditing(f);
    form.setFieldsValue(
      f === 'new'
        ? { code: '', kind: 'bin', place: '' }
        : {
            kind: f.kind,
            place: f.place,
            lat: f.location.lat,
            lng: f.location.lng,
            workerId: f.worker?.id,
          },
    );
  };
  const save = async (v: FormValues) => {
    const body = {
      kind: v.kind,
      place: v.place,
      // Editing, the unit is sent only when a new one was picked; the picker cannot name the old one.
      ...(v.unitId ? { unitId: v.unitId } : {}),
      location: { lat: v.lat, lng: v.lng },
      // A cleared choice leaves the facility's reports to the command center.
      workerId: v.workerId ?? null,
    };
    setBusy(true);
    try {
      if (editing === 'new') await post('/facilities', { ...body, code: v.code });
      else if (editing) await patch(`/facilities/${editing.id}`, body);
      setEditing(null);
      void message.success(t('save'));
      await load();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      title={t('facilities')}
      extra={
        <Space wrap>
          <div style={{ width: 220 }}>
            <UnitPicker
              value={unitId}
              onChange={(id) => setUnitId(id)}
              placeholder={t('chooseVillage')}
              selectable={(u) => u.kind !== 'district'}
              testId="facility-unit"
            />
          </div>
          <DatePicker.RangePicker
            value={range}
            allowClear={false}
            onChange={(r) => r?.[0] && r[1] && setRange([r[0], r[1]])}
            aria-label={t('period')}
          />
          {unitId && (
            <Button
              href={`/api/v1/org/units/${unitId}/facility-labels`}
              target="_blank"
              data-testid="facility-print"
            >
              {t('printLabels')}
            </Button>
          )}
          <Button type="primary" onClick={() => open('new')} data-testid="facility-add">
            {t('addFacility')}
          </Button>
        </Space>
      }
    >
      <Table<FacilityView>
        rowKey="id"
        dataSource={rows}
        size="middle"
        scroll={{ x: 900 }}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        onRow={(f) => ({ 'data-testid': `facility-row-${f.code}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('code'), dataIndex: 'code', sorter: (a, b) => a.code.localeCompare(b.code) },
          {
            title: t('facilityKind'),
            dataIndex: 'kind',
            render: (k: FacilityView['kind']) => pick(FACILITY_KIND_INFO[k]),
            filters: FACILITY_KINDS.map((k) => ({ value: k, text: pick(FACILITY_KIND_INFO[k]) })),
            onFilter: (value, f) => f.kind === value,
          },
          { title: t('facilityPlace'), dataIndex: 'place' },
          { title: t('facilityUnit'), render: (_, f) => f.unit.trail.slice(1).join(' · ') },
          { title: t('facilityWorker'), render: (_, f) => f.worker?.name ?? '—' },
          {
            title: t('facilityCases'),
            dataIndex: 'cases',
            sorter: (a, b) => a.cases - b.cases,
            defaultSortOrder: 'descend',
            render: (n: number, f) => (
              <span data-testid={`facility-cases-${f.code}`}>
                {n} {f.openCaseId && <Tag color="red">{t('facilityOpen')}</Tag>}
              </span>
            ),
          },
          {
            title: t('facilityAlso'),
            dataIndex: 'alsoReported',
            sorter: (a, b) => a.alsoReported - b.alsoReported,
          },
          {
            title: '',
            render: (_, f) => (
              <Button size="small" onClick={() => open(f)}>
                {t('edit')}
              </Button>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('addFacility') : editing ? `${t('edit')} ${editing.code}` : ''}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        confirmLoading={busy}
        destroyOnHidden
        forceRender
      >
        <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
          {editing === 'new' && (
            <Form.Item
              name="code"
              label={t('code')}
              rules={[{ required: true, pattern: /^[A-Z0-9][A-Z0-9-]{0,31}$/ }]}
            >
              <Input placeholder="WB-BIN-067" data-testid="facility-code" />
            </Form.Item>
          )}
          <Form.Item name="kind" label={t('facilityKind')} rules={[{ required: true }]}>
            <Select options={FACILITY_KINDS.map((k) => ({ value: k, label: pick(FACILITY_KIND_INFO[k]) }))} />
          </Form.Item>
          <Form.Item name="place" label={t('facilityPlace')} rules={[{ required: true, max: 60 }]}>
            <Input data-testid="facility-place" />
          </Form.Item>
          <Form.Item
            name="unitId"
            label={t('facilityUnit')}
            rules={[{ required: editing === 'new' }]}
            extra={editing && editing !== 'new' ? editing.unit.trail.join(' · ') : undefined}
          >
            <UnitPicker
              selectable={(u) => ['village', 'grid', 'courtyard'].includes(u.kind)}
              onChange={(_, unit) => {
                if (unit.center && form.getFieldValue('lat') == null) {
                  form.setFieldsValue({ lat: unit.center.lat, lng: unit.center.lng });
                }
              }}
              testId="facility-form-unit"
            />
          </Form.Item>
          <Space>
            <Form.Item name="lat" label={t('latitude')} rules={[{ required: true }]}>
              <InputNumber min={-90} max={90} step={0.0001} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="lng" label={t('longitude')} rules={[{ required: true }]}>
              <InputNumber min={-180} max={180} step={0.0001} style={{ width: 160 }} />
            </Form.Item>
          </Space>
          <Form.Item name="workerId" label={t('facilityWorker')}>
            <Select
              showSearch
              allowClear
              optionFilterProp="label"
              placeholder={t('noWorker')}
              options={people}
            />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
