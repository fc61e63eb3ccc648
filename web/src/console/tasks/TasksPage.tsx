import type { Me } from '@domain/auth/schemas';
import { TASK_ISSUERS } from '@domain/tasks/policy';
import {
  ASSIGNEE_KIND_LABELS,
  ASSIGNMENT_STATUS_LABELS,
  type AssignmentSummary,
  type TaskSummary,
  type TaskView,
} from '@domain/tasks/schemas';
import { App, Button, Drawer, Progress, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, get } from '../../api/client';
import { formatDateTime, useI18n } from '../../i18n';
import { SubjectSupervision } from '../supervision/CaseSupervision';
import { IssueTaskModal } from './IssueTaskModal';
import { RankingsPanel } from './RankingsPanel';
import { ReviewModal } from './ReviewModal';

/** 清单制: tasks pushed down to sectors, posts, villages, grids and grid workers; review, scores, rankings. */
export default function TasksPage({ me }: { me: Me }) {
  const { t } = useI18n();
  const home = me.grants.find((g) => TASK_ISSUERS.includes(g.role));
  if (!home) return null;
  return (
    <Tabs
      items={[
        { key: 'tasks', label: t('taskLists'), children: <TaskListPanel unitId={home.unitId} /> },
        { key: 'rankings', label: t('rankings'), children: <RankingsPanel unitId={home.unitId} /> },
      ]}
    />
  );
}

function TaskListPanel({ unitId }: { unitId: string }) {
  const { t, pick, locale } = useI18n();
  const { message } = App.useApp();
  const [rows, setRows] = useState<TaskSummary[]>([]);
  const [issuing, setIssuing] = useState(false);
  const [open, setOpen] = useState<TaskView | null>(null);
  const [reviewing, setReviewing] = useState<string | null>(null);
  const fail = useCallback(
    (e: unknown) => void message.error(e instanceof ApiError ? e.messageIn(locale) : String(e)),
    [message, locale],
  );
  const load = useCallback(async () => {
    try {
      setRows(await get<TaskSummary[]>(`/tasks?unitId=${unitId}`));
    } catch (e) {
      fail(e);
    }
  }, [unitId, fail]);
  const openTask = useCallback(
    async (id: string) => {
      try {
        setOpen(await get<TaskView>(`/tasks/${id}`));
      } catch (e) {
        fail(e);
      }
    },
    [fail],
  );
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" onClick={() => setIssuing(true)} data-testid="task-issue">
          {t('issueTask')}
        </Button>
        <Button onClick={() => void load()}>{t('refresh')}</Button>
      </Space>
      <Table<TaskSummary>
        rowKey="id"
        dataSource={rows}
        size="middle"
        pagination={{ pageSize: 20 }}
        onRow={(r) => ({ onClick: () => void openTask(r.id), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: t('taskTitle'),
            dataIndex: 'title',
            render: (v: string, r) => <span data-testid={`task-row-${r.id}`}>{v}</span>,
          },
          { title: t('issuingUnit'), render: (_, r) => r.unit.name },
          {
            title: t('recurrence'),
            render: (_, r) => (r.recurrence ? t(`recurrence_${r.recurrence}`) : t('recurrenceOnce')),
          },
          { title: t('dueAt'), render: (_, r) => <DueCell task={r} /> },
          {
            title: t('progress'),
            render: (_, r) => (
              <Space size={4} wrap>
                <Progress
                  percent={
                    r.progress.assignments
                      ? Math.round((r.progress.submitted / r.progress.assignments) * 100)
                      : 0
                  }
                  size="small"
                  style={{ width: 100 }}
                />
                <span>
                  {t('submittedCount')} {r.progress.submitted}/{r.progress.assignments} · {t('scoredCount')}{' '}
                  {r.progress.scored}
                </span>
                {r.progress.overdue > 0 && (
                  <Tag color="red">
                    {t('overdueCount')} {r.progress.overdue}
                  </Tag>
                )}
              </Space>
            ),
          },
        ]}
      />
      <IssueTaskModal
        open={issuing}
        unitId={unitId}
        onClose={() => setIssuing(false)}
        onIssued={(task) => {
          setIssuing(false);
          setOpen(task);
          void load();
        }}
      />
      <Drawer
        open={open !== null}
        width={760}
        title={open?.title}
        onClose={() => setOpen(null)}
        data-testid="task-detail"
      >
        {open && (
          <>
            <Space style={{ marginBottom: 12 }} wrap>
              <Tag>{open.recurrence ? t(`recurrence_${open.recurrence}`) : t('recurrenceOnce')}</Tag>
              <span>
                {t('dueAt')} <DueCell task={open} />
              </span>
            </Space>
            <SubjectSupervision key={open.id} subjectType="task" subjectId={open.id} live={taskLive(open)} />
            {open.instructions && (
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
                {open.instructions}
              </Typography.Paragraph>
            )}
            <Table<AssignmentSummary>
              rowKey="id"
              size="small"
              dataSource={open.assignments}
              pagination={{ pageSize: 50 }}
              columns={[
                {
                  title: t('assignees'),
                  render: (_, a) => (
                    <span data-testid={`assignment-${a.assignee.name}`}>
                      <Tag>{pick(ASSIGNEE_KIND_LABELS[a.assignee.kind])}</Tag>
                      {a.assignee.name}
                    </span>
                  ),
                },
                {
                  title: t('period'),
                  dataIndex: 'periodKey',
                  render: (v: string) => (v === 'once' ? '—' : v),
                },
                {
                  title: t('status'),
                  render: (_, a) => (
                    <Space size={4}>
                      <Tag
                        color={
                          a.status === 'scored' ? 'green' : a.status === 'submitted' ? 'blue' : undefined
                        }
                      >
                        {pick(ASSIGNMENT_STATUS_LABELS[a.status])}
                      </Tag>
                      {a.overdue && <Tag color="red">{t('overdue')}</Tag>}
                    </Space>
                  ),
                },
                { title: t('evidenceOf'), render: (_, a) => `${a.itemsDone}/${a.itemCount}` },
                {
                  title: t('taskScore'),
                  render: (_, a) => (a.percent === null ? '—' : `${a.score}（${a.percent}%）`),
                },
                {
                  title: '',
                  render: (_, a) => (
                    <Button
                      size="small"
                      onClick={() => setReviewing(a.id)}
                      data-testid={`review-${a.assignee.name}`}
                    >
                      {t('review')}
                    </Button>
                  ),
                },
              ]}
            />
          </>
        )}
      </Drawer>
      <ReviewModal
        id={reviewing}
        onClose={() => setReviewing(null)}
        onChanged={() => {
          if (open) void openTask(open.id);
          void load();
        }}
      />
    </>
  );
}

/** Whether a task may still be placed under supervision: not ended, not every assignment scored. */
function taskLive(task: TaskView): boolean {
  if (task.endsAt && new Date(task.endsAt).getTime() <= Date.now()) return false;
  return task.progress.assignments === 0 || task.progress.scored < task.progress.assignments;
}

/**
 * A task's deadline as the list and the detail show it: the date, and for a task counted in working
 * days "N个工作日" (one-off) or "最后工作日" (recurring: each instance falls due on its period's last working day).
 */
function DueCell({ task }: { task: TaskSummary }) {
  const { t, locale } = useI18n();
  const date = task.dueAt ? formatDateTime(task.dueAt, locale) : '—';
  if (!task.workingDays) return <>{date}</>;
  const note =
    task.dueInWorkingDays !== null
      ? t('taskWorkingDaysCount', { n: task.dueInWorkingDays })
      : t('taskLastWorkingDay');
  return (
    <span data-testid={`task-due-${task.id}`}>
      {task.recurrence ? '' : `${date} `}
      <Tag color="blue">{note}</Tag>
    </span>
  );
}
