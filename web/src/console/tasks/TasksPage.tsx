import type { Me } from '@domain/auth/schemas';
import { TASK_ISSUERS } from '@domain/tasks/policy';
import type { TaskSummary } from '@domain/tasks/schemas';
import { App, Button, Progress, Space, Table, Tabs, Tag, Tooltip } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, get } from '../../api/client';
import { formatDateTime, useI18n } from '../../i18n';
import { IssueTaskModal } from './IssueTaskModal';
import { RankingsPanel } from './RankingsPanel';
import { DueCell, TaskDrawer } from './TaskDrawer';

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
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [rows, setRows] = useState<TaskSummary[]>([]);
  const [issuing, setIssuing] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const closeTask = useCallback(() => setOpenId(null), []);
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
        onRow={(r) => ({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: t('taskTitle'),
            dataIndex: 'title',
            render: (v: string, r) => (
              <span data-testid={`task-row-${r.id}`}>
                {r.fieldVisit && (
                  <Tooltip
                    title={`${r.fieldVisit.unit.name} · ${formatDateTime(r.fieldVisit.visitedAt, locale)} · ${r.fieldVisit.visitor.name}`}
                  >
                    <Tag color="cyan" data-testid="task-from-field-visit">
                      {t('fromFieldVisit')}
                    </Tag>
                  </Tooltip>
                )}
                {v}
              </span>
            ),
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
          setOpenId(task.id);
          void load();
        }}
      />
      <TaskDrawer taskId={openId} onClose={closeTask} onChanged={() => void load()} />
    </>
  );
}
