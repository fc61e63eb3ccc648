import { ROLE_LABELS, type Role } from '@domain/auth/roles';
import type { SupervisionView } from '@domain/supervision/schemas';
import { App, Button, DatePicker, Form, Input, Modal, Select, Space, Tag, Timeline, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, get, post } from '../../api/client';
import { formatDateTime, useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/messages';
import { CloseReviewDialog, SupervisionStatusTag } from './SupervisionPage';

interface Candidate {
  id: string;
  name: string;
  role: string;
}

const EVENT_LABELS: Record<SupervisionView['events'][number]['action'], MessageKey> = {
  placed: 'supervisionEventPlaced',
  reminded: 'supervisionEventReminded',
  overdue: 'supervisionEventOverdue',
  closed: 'supervisionEventClosed',
};

/** The 督办 mark on the case page. */
export function CaseSupervision({ caseId, caseOpen }: { caseId: string; caseOpen: boolean }) {
  return <SubjectSupervision subjectType="case" subjectId={caseId} live={caseOpen} />;
}

/**
 * The 督办 mark on a case's or a task's page, its history, and the button to place the subject under
 * supervision. The server says who may: the list answers only to those who may read the mark, the
 * candidates only to those who may place one, so the button shows exactly when placing would be allowed.
 * Test ids are prefixed with the subject type (`case-supervise`, `task-supervised`, ...).
 */
export function SubjectSupervision({
  subjectType,
  subjectId,
  live,
}: {
  subjectType: 'case' | 'task';
  subjectId: string;
  live: boolean;
}) {
  const base = `/${subjectType}s/${subjectId}`;
  const { t, locale, pick } = useI18n();
  const { message } = App.useApp();
  const [items, setItems] = useState<SupervisionView[] | null>(null);
  const [candidates, setCandidates] = useState<Candidate[] | null>(null);
  const [placing, setPlacing] = useState(false);
  const [reviewing, setReviewing] = useState<SupervisionView | null>(null);
  const [form] = Form.useForm();

  const load = useCallback(async () => {
    try {
      setItems(await get<SupervisionView[]>(`${base}/supervisions`));
    } catch {
      setItems(null);
    }
    try {
      setCandidates(await get<Candidate[]>(`${base}/supervisor-candidates`));
    } catch {
      setCandidates(null);
    }
  }, [base]);
  useEffect(() => {
    void load();
  }, [load]);

  if (!items) return null;
  const open = items.find((s) => s.status === 'open');
  const place = async () => {
    const v = await form.validateFields();
    try {
      await post('/supervisions', {
        subjectType,
        subjectId,
        supervisorId: v.supervisorId,
        requiredOutcome: v.requiredOutcome,
        dueAt: (v.dueAt as Dayjs).toISOString(),
      });
      void message.success(t('supervisionPlaced'));
      setPlacing(false);
      form.resetFields();
      await load();
    } catch (e) {
      void message.error(e instanceof ApiError ? e.messageIn(locale) : String(e));
    }
  };

  return (
    <div style={{ margin: '16px 0' }} data-testid={`${subjectType}-supervision`}>
      <Space wrap>
        {open && (
          <Tag color="red" data-testid={`${subjectType}-supervised`}>
            {t('supervisionMark')} ·{' '}
            {open.level === 'district' ? t('supervisionLevelDistrict') : t('supervisionLevelTown')}
          </Tag>
        )}
        {open && (
          <Typography.Text>
            {t('supervisor')}：{open.supervisor.name} · {t('supervisionDue')}：
            {formatDateTime(open.dueAt, locale)}
          </Typography.Text>
        )}
        {!open && candidates && live && (
          <Button danger onClick={() => setPlacing(true)} data-testid={`${subjectType}-supervise`}>
            {t('supervisionPlace')}
          </Button>
        )}
        {open?.actions.includes('close') && (
          <Button size="small" onClick={() => setReviewing(open)}>
            {t('supervisionCloseReview')}
          </Button>
        )}
      </Space>
      {items.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 12 }}>
            {t('supervisionHistory')}
          </Typography.Title>
          {items.map((s) => (
            <div key={s.id}>
              <Space>
                <SupervisionStatusTag s={s} />
                <Typography.Text>{s.requiredOutcome}</Typography.Text>
              </Space>
              <Timeline
                style={{ marginTop: 8 }}
                items={s.events.map((e) => ({
                  children: `${formatDateTime(e.at, locale)} ${t(EVENT_LABELS[e.action])} ${e.actorName ?? ''} ${e.note ?? ''}`,
                }))}
              />
            </div>
          ))}
        </>
      )}
      <Modal
        open={placing}
        title={t('supervisionPlace')}
        onCancel={() => setPlacing(false)}
        onOk={() => void place()}
        okButtonProps={{ 'data-testid': 'supervise-ok' } as never}
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ dueAt: dayjs().add(3, 'day').hour(18).minute(0).second(0) }}
        >
          <Form.Item name="supervisorId" label={t('supervisor')} rules={[{ required: true }]}>
            <Select
              data-testid="supervise-supervisor"
              options={(candidates ?? []).map((c) => ({
                value: c.id,
                label: `${c.name}（${pick(ROLE_LABELS[c.role as Role])}）`,
              }))}
            />
          </Form.Item>
          <Form.Item
            name="requiredOutcome"
            label={t('requiredOutcome')}
            rules={[{ required: true, whitespace: true, max: 500 }]}
          >
            <Input.TextArea rows={3} data-testid="supervise-outcome" />
          </Form.Item>
          <Form.Item name="dueAt" label={t('supervisionDue')} rules={[{ required: true }]}>
            <DatePicker showTime disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
          </Form.Item>
        </Form>
      </Modal>
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
    </div>
  );
}
