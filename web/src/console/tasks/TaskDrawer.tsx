import {
  ASSIGNEE_KIND_LABELS,
  ASSIGNMENT_STATUS_LABELS,
  type AssignmentSummary,
  type TaskSummary,
  type TaskView,
} from '@domain/tasks/schemas';
import { App, Button, Drawer, Space, Spin, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, get } from '../../api/client';
import { formatDateTime, useI18n } from '../../i18n';
import { SubjectSupervision } from '../supervision/CaseSupervision';
import { ReviewModal } from './ReviewModal';

/**
 * One task with every assignee's progress and review, opened from the task list or from a field visit's
 * follow-ups. `onChanged` tells the opener a review changed the task's progress.
 */
export function TaskDrawer({
  taskId,
  onClose,
  onChanged,
}: {
  taskId: string | null;
  onClose(): void;
  onChanged?(): void;
}) {
  const { t, pick, locale } = useI18n();
  const { message } = App.useApp();
  const [task, setTask] = useState<TaskView | null>(null);
  const [reviewing, setReviewing] = useState<string | null>(null);
  const load = useCallback(
    async (id: string) => {
      try {
        setTask(await get<TaskView>(`/tasks/${id}`));
      } catch (e) {
        void message.error(e instanceof ApiError ? e.messageIn(locale) : String(e));
        onClose();
      }
    },
    [message, locale, onClose],
  );
  useEffect(() => {
    setTask(null);
    if (taskId) void load(taskId);
  }, [taskId, load]);
  const open = task && task.id === taskId ? task : null;

  return (
    <>
      <Drawer
        open={taskId !== null}
        width="min(760px, 100vw)"
        title={open?.title}
        onClose={onClose}
        data-testid="task-detail"
      >
        {!open && <Spin />}
        {open && (
          <>
            <Space style={{ marginBottom: 12 }} wrap>
              <Tag>{open.recurrence ? t(`recurrence_${open.recurrence}`) : t('recurrenceOnce')}</Tag>
              <span>
                {t('dueAt')} <DueCell task={open} />
              </span>
            </Space>
            {open.fieldVisit && (
              <Typography.Paragraph type="secondary" data-testid="task-field-visit">
                <Tag color="cyan">{t('fromFieldVisit')}</Tag>
                {open.fieldVisit.unit.name} · {formatDateTime(open.fieldVisit.visitedAt, locale)} ·{' '}
                {open.fieldVisit.visitor.name}
              </Typography.Paragraph>
            )}
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
              scroll={{ x: 640 }}
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
          if (taskId) void load(taskId);
          onChanged?.();
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
export function DueCell({ task }: { task: TaskSummary }) {
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
