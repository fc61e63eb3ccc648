import { MinusCircleOutlined } from '@ant-design/icons';
import type { Me } from '@domain/auth/schemas';
import { shanghaiDate } from '@domain/calendar/workingDays';
import type { FieldVisitView } from '@domain/fieldVisits/schemas';
import type { SupervisionFilter, SupervisionView } from '@domain/supervision/schemas';
import { ASSIGNEE_KIND_LABELS, type AssigneeOption } from '@domain/tasks/schemas';
import {
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Modal,
  Radio,
  Segmented,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError, get, post } from '../../api/client';
import { formatDateTime, useI18n } from '../../i18n';
import { UnitPicker } from '../org/UnitPicker';
import { TaskDrawer } from '../tasks/TaskDrawer';

const OFFICIALS = ['admin', 'district_supervisor', 'center_operator'];

/** 挂牌督办 and 蹲点指导: the supervised list with its closing review, and the record of field visits. */
export default function SupervisionPage({ me }: { me: Me }) {
  const { t } = useI18n();
  const home = me.grants.find((g) => OFFICIALS.includes(g.role));
  return (
    <Tabs
      items={[
        {
          key: 'supervision',
          label: t('supervisionList'),
          children: <SupervisionList homeUnitId={home?.unitId} />,
        },
        { key: 'visits', label: t('fieldVisits'), children: <FieldVisits homeUnitId={home?.unitId} /> },
      ]}
    />
  );
}

export function SupervisionStatusTag({ s }: { s: SupervisionView }) {
  const { t } = useI18n();
  if (s.status === 'closed')
    return (
      <Tag color={s.outcome === 'met' ? 'green' : 'volcano'}>
        {t('supervisionClosed')} · {s.outcome === 'met' ? t('supervisionMet') : t('supervisionNotMet')}
      </Tag>
    );
  return s.overdue ? (
    <Tag color="red">{t('supervisionOverdue')}</Tag>
  ) : (
    <Tag color="orange">{t('supervisionOpen')}</Tag>
  );
}

/** The closing review (销号): met or not, with a note. */
export function CloseReviewDialog({
  supervision,
  onClose,
  onDone,
}: {
  supervision: SupervisionView;
  onClose(): void;
  onDone(): void;
}) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await post(`/supervisions/${supervision.id}/close`, { ...v, expectedVersion: supervision.version });
      void message.success(t('saved'));
      onDone();
    } catch (e) {
      void message.error(e instanceof ApiError ? e.messageIn(locale) : String(e));
    }
  };
  return (
    <Modal
      open
      title={`${t('supervisionCloseReview')} · ${supervision.subjectTitle}`}
      onCancel={onClose}
      onOk={() => void submit()}
      okButtonProps={{ 'data-testid': 'supervision-close-ok' } as never}
    >
      <Typography.Paragraph type="secondary">
        {t('requiredOutcome')}：{supervision.requiredOutcome}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ outcome: 'met' }}>
        <Form.Item name="outcome" label={t('supervisionOutcome')} rules={[{ required: true }]}>
          <Radio.Group data-testid="supervision-outcome">
            <Radio value="met">{t('supervisionMet')}</Radio>
            <Radio value="not_met">{t('supervisionNotMet')}</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="note"
          label={t('supervisionReviewNote')}
          rules={[{ required: true, whitespace: true, max: 1000 }]}
        >
          <Input.TextArea rows={3} data-testid="supervision-note" />
        </Form.Item>
      </Form>
      <Typography.Text type="secondary">{formatDateTime(supervision.dueAt, locale)}</Typography.Text>
    </Modal>
  );
}

function SupervisionList({ homeUnitId }: { homeUnitId: string | undefined }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [unitId, setUnitId] = useState(homeUnitId);
  const [filter, setFilter] = useState<SupervisionFilter>('open');
  const [rows, setRows] = useState<SupervisionView[]>([]);
  const [reviewing, setReviewing] = useState<SupervisionView | null>(null);

  const load = useCallback(async () => {
    if (!unitId) return;
    try {
      setRows(await get<SupervisionView[]>(`/supervisions?unitId=${unitId}&status=${filter}`));
    } catch (e) {
      void message.error(e instanceof ApiError ? e.messageIn(locale) : String(e));
    }
  }, [unitId, filter, message, locale]);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <Card
      title={
        <Space wrap>
          <span style={{ minWidth: 220, display: 'inline-block' }}>
            <UnitPicker value={unitId} onChange={setUnitId} selectable={() => true} />
          </span>
          <Segmented<SupervisionFilter>
            value={filter}
            onChange={setFilter}
            data-testid="supervision-filter"
            options={[
              { value: 'open', label: t('supervisionOpen') },
              { value: 'overdue', label: t('supervisionOverdue') },
              { value: 'closed', label: t('supervisionClosed') },
            ]}
          />
          <Button onClick={() => void load()}>{t('refresh')}</Button>
        </Space>
      }
    >
      <Table<SupervisionView>
        rowKey="id"
        dataSource={rows}
        size="small"
        scroll={{ x: 900 }}
        locale={{ emptyText: t('noSupervisions') }}
        onRow={(s) => ({ 'data-testid': `supervision-row-${s.subjectId}` }) as never}
        columns={[
          {
            title: t('supervisionSubject'),
            render: (_, s) => (
              <Space direction="vertical" size={0}>
                <Space size={4} wrap>
                  <Tag
                    color={s.subjectType === 'task' ? 'purple' : 'blue'}
                    data-testid="supervision-subject-type"
                  >
                    {s.subjectType === 'task' ? t('supervisionSubjectTask') : t('supervisionSubjectCase')}
                  </Tag>
                  <Typography.Text strong>{s.subjectTitle}</Typography.Text>
                </Space>
                {s.subjectProgress && (
                  <Typography.Text type="secondary" data-testid="supervision-task-progress">
                    {t('submittedCount')} {s.subjectProgress.submitted}/{s.subjectProgress.assignments}
                    {s.subjectProgress.overdue > 0
                      ? ` · ${t('overdueCount')} ${s.subjectProgress.overdue}`
                      : ''}
                  </Typography.Text>
                )}
                <Typography.Text type="secondary">{s.requiredOutcome}</Typography.Text>
              </Space>
            ),
          },
          {
            title: t('kind'),
            width: 100,
            render: (_, s) =>
              s.level === 'district' ? t('supervisionLevelDistrict') : t('supervisionLevelTown'),
          },
          { title: t('supervisor'), width: 100, render: (_, s) => s.supervisor.name },
          { title: t('supervisionPlacedBy'), width: 100, render: (_, s) => s.placedBy.name },
          {
            title: t('supervisionDue'),
            width: 160,
            render: (_, s) => formatDateTime(s.dueAt, locale),
          },
          { title: t('status'), width: 150, render: (_, s) => <SupervisionStatusTag s={s} /> },
          {
            title: t('actions'),
            width: 140,
            render: (_, s) =>
              s.actions.includes('close') ? (
                <Button size="small" onClick={() => setReviewing(s)} data-testid="supervision-close">
                  {t('supervisionCloseReview')}
                </Button>
              ) : (
                s.reviewNote
              ),
          },
        ]}
      />
      {reviewing && (
        <CloseReviewDialog
          supervision={reviewing}
          onClose={() => setReviewing(null)}
          onDone={() => {
            setReviewing(null);
            void load();
          }}
        />
      )}
    </Card>
  );
}

interface FollowUpValues {
  title: string;
  dueOn: Dayjs;
  /** `kind:id` of another assignee in the town; empty for the visited unit itself. */
  assignee: string;
}

/** 蹲点指导: the visits at or under a unit, each with its follow-up tasks' live progress. */
function FieldVisits({ homeUnitId }: { homeUnitId: string | undefined }) {
  const { t, pick, locale } = useI18n();
  const { message } = App.useApp();
  const [unitId, setUnitId] = useState(homeUnitId);
  // The last 30 days as Beijing counts them: the server reads `from`/`to` as Shanghai dates, and after
  // 16:00 UTC a browser on UTC would still be on yesterday and leave out what was recorded today.
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(() => {
    const today = dayjs(shanghaiDate(new Date()));
    return [today.subtract(29, 'day'), today];
  });
  const [rows, setRows] = useState<FieldVisitView[]>([]);
  const [recording, setRecording] = useState(false);
  const [visitedTown, setVisitedTown] = useState<string | null>(null);
  const [options, setOptions] = useState<AssigneeOption[]>([]);
  const [openTask, setOpenTask] = useState<string | null>(null);
  const closeTask = useCallback(() => setOpenTask(null), []);
  const [form] = Form.useForm();
  const fail = useCallback(
    (e: unknown) => void message.error(e instanceof ApiError ? e.messageIn(locale) : String(e)),
    [message, locale],
  );
  const load = useCallback(async () => {
    if (!unitId) return;
    const dates = range ? `&from=${range[0].format('YYYY-MM-DD')}&to=${range[1].format('YYYY-MM-DD')}` : '';
    try {
      setRows(await get<FieldVisitView[]>(`/field-visits?unitId=${unitId}${dates}`));
    } catch (e) {
      fail(e);
    }
  }, [unitId, range, fail]);
  useEffect(() => {
    void load();
  }, [load]);
  // Follow-up tasks may go to anyone the task module reaches in the visited unit's town.
  useEffect(() => {
    if (!visitedTown) return setOptions([]);
    void get<AssigneeOption[]>(`/tasks/assignees?unitId=${visitedTown}`)
      .then(setOptions)
      .catch(() => setOptions([]));
  }, [visitedTown]);
  const assigneeChoices = useMemo(() => {
    const byId = new Map(options.map((o) => [o.id, o]));
    return [
      { value: '', label: t('fieldVisitFollowUpVisited') },
      ...options.map((o) => {
        const village = o.kind === 'grid' && o.parentId ? byId.get(o.parentId) : undefined;
        const name = village ? `${village.name} ${o.name}` : o.name;
        return { value: `${o.kind}:${o.id}`, label: `${name}（${pick(ASSIGNEE_KIND_LABELS[o.kind])}）` };
      }),
    ];
  }, [options, pick, t]);

  const record = async () => {
    const v = await form.validateFields();
    try {
      await post('/field-visits', {
        unitId: v.unitId,
        visitedAt: (v.visitedAt as Dayjs).toISOString(),
        companions: v.companions ?? '',
        findings: v.findings,
        followUps: ((v.followUps ?? []) as FollowUpValues[]).map((f) => {
          const [kind, id] = f.assignee ? f.assignee.split(':') : [];
          return {
            title: f.title,
            // Due at the end of the chosen day in Shanghai, whatever the browser's time zone.
            dueAt: `${f.dueOn.format('YYYY-MM-DD')}T23:59:59+08:00`,
            ...(kind && id ? { assignees: [{ kind, id }] } : {}),
          };
        }),
        notes: String(v.notes ?? '')
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean),
      });
      void message.success(t('saved'));
      setRecording(false);
      form.resetFields();
      await load();
    } catch (e) {
      fail(e);
    }
  };

  return (
    <Card
      title={
        <Space wrap>
          <span style={{ minWidth: 220, display: 'inline-block' }}>
            <UnitPicker value={unitId} onChange={setUnitId} selectable={() => true} />
          </span>
          <DatePicker.RangePicker
            value={range}
            onChange={(r) => setRange(r?.[0] && r[1] ? [r[0], r[1]] : null)}
          />
        </Space>
      }
      extra={
        <Button type="primary" onClick={() => setRecording(true)} data-testid="field-visit-create">
          {t('fieldVisitRecord')}
        </Button>
      }
    >
      <Table<FieldVisitView>
        rowKey="id"
        dataSource={rows}
        size="small"
        scroll={{ x: 900 }}
        columns={[
          { title: t('fieldVisitAt'), width: 160, render: (_, v) => formatDateTime(v.visitedAt, locale) },
          { title: t('fieldVisitUnit'), width: 120, render: (_, v) => v.unit.name },
          {
            title: t('fieldVisitVisitor'),
            width: 160,
            render: (_, v) => (v.companions ? `${v.visitor.name}（${v.companions}）` : v.visitor.name),
          },
          { title: t('fieldVisitFindings'), dataIndex: 'findings' },
          {
            title: t('fieldVisitFollowUps'),
            width: 320,
            render: (_, v) => (
              <Space direction="vertical" size={2}>
                {v.followUps.map((f) => (
                  <Space key={f.taskId} size={4} wrap data-testid={`field-visit-follow-up-${f.taskId}`}>
                    <Typography.Link onClick={() => setOpenTask(f.taskId)}>{f.title}</Typography.Link>
                    <Tag
                      color={
                        f.progress.assignments > 0 && f.progress.submitted === f.progress.assignments
                          ? 'green'
                          : undefined
                      }
                    >
                      {t('submittedCount')} {f.progress.submitted}/{f.progress.assignments}
                    </Tag>
                    {f.progress.overdue > 0 && (
                      <Tag color="red">
                        {t('overdueCount')} {f.progress.overdue}
                      </Tag>
                    )}
                    <Typography.Text type="secondary">{f.assignees.join('、')}</Typography.Text>
                  </Space>
                ))}
                {v.notes.length > 0 && (
                  <Typography.Text type="secondary" data-testid="field-visit-notes">
                    {v.notes.join('；')}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
        ]}
      />
      <TaskDrawer taskId={openTask} onClose={closeTask} onChanged={() => void load()} />
      <Modal
        open={recording}
        title={t('fieldVisitRecord')}
        width={680}
        onCancel={() => setRecording(false)}
        onOk={() => void record()}
      >
        <Form form={form} layout="vertical" initialValues={{ visitedAt: dayjs() }}>
          <Form.Item name="unitId" label={t('fieldVisitUnit')} rules={[{ required: true }]}>
            <UnitPicker
              selectable={(u) => u.kind === 'village' || u.kind === 'grid'}
              deepest="grid"
              testId="field-visit-unit"
              onChange={(_, unit) => setVisitedTown(unit.townId)}
            />
          </Form.Item>
          <Form.Item name="visitedAt" label={t('fieldVisitAt')} rules={[{ required: true }]}>
            <DatePicker showTime disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item name="companions" label={t('fieldVisitCompanions')} rules={[{ max: 200 }]}>
            <Input />
          </Form.Item>
          <Form.Item
            name="findings"
            label={t('fieldVisitFindings')}
            rules={[{ required: true, whitespace: true, max: 4000 }]}
          >
            <Input.TextArea rows={4} />
          </Form.Item>
          <Form.Item label={t('fieldVisitFollowUps')} extra={t('fieldVisitFollowUpHint')}>
            <Form.List name="followUps">
              {(fields, { add, remove }) => (
                <Space direction="vertical" style={{ width: '100%' }}>
                  {fields.map((field, i) => (
                    <Space key={field.key} wrap align="start" data-testid={`follow-up-${i}`}>
                      <Form.Item
                        name={[field.name, 'title']}
                        rules={[{ required: true, whitespace: true, max: 120 }]}
                        noStyle
                      >
                        <Input
                          placeholder={t('fieldVisitFollowUpTitle')}
                          aria-label={t('fieldVisitFollowUpTitle')}
                          style={{ width: 220 }}
                          data-testid={`follow-up-title-${i}`}
                        />
                      </Form.Item>
                      <Form.Item name={[field.name, 'dueOn']} rules={[{ required: true }]} noStyle>
                        <DatePicker
                          placeholder={t('fieldVisitFollowUpDue')}
                          disabledDate={(d) => d.isBefore(dayjs(), 'day')}
                          data-testid={`follow-up-due-${i}`}
                        />
                      </Form.Item>
                      <Form.Item name={[field.name, 'assignee']} noStyle>
                        <Select
                          showSearch
                          optionFilterProp="label"
                          options={assigneeChoices}
                          aria-label={t('fieldVisitFollowUpAssignee')}
                          style={{ width: 220 }}
                          data-testid={`follow-up-assignee-${i}`}
                        />
                      </Form.Item>
                      <Button
                        icon={<MinusCircleOutlined />}
                        onClick={() => remove(field.name)}
                        aria-label={t('fieldVisitFollowUpRemove')}
                      />
                    </Space>
                  ))}
                  <Button
                    type="dashed"
                    onClick={() => add({ title: '', assignee: '', dueOn: dayjs().add(3, 'day') })}
                    data-testid="follow-up-add"
                  >
                    + {t('fieldVisitFollowUpAdd')}
                  </Button>
                </Space>
              )}
            </Form.List>
          </Form.Item>
          <Form.Item name="notes" label={t('fieldVisitNotes')}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
