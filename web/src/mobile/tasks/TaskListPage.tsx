import { ASSIGNMENT_STATUS_LABELS, type AssignmentSummary } from '@domain/tasks/schemas';
import { ErrorBlock, List, NavBar, PullToRefresh, SpinLoading, Tag } from 'antd-mobile';
import { useCallback, useEffect, useState } from 'react';
import { get } from '../../api/client';
import { formatDateTime, useI18n } from '../../i18n';

/** 我的任务: what I must fulfil, open work first by deadline, overdue marked in red. */
export function TaskListPage({ onBack, onOpen }: { onBack(): void; onOpen(id: string): void }) {
  const { t, pick, locale } = useI18n();
  const [items, setItems] = useState<AssignmentSummary[] | null>(null);
  const load = useCallback(async () => {
    setItems(await get<AssignmentSummary[]>('/tasks/mine'));
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <div>
      <NavBar onBack={onBack}>{t('myTasks')}</NavBar>
      {items === null ? (
        <div style={{ display: 'flex', justifyContent: 'center', padding: 40 }}>
          <SpinLoading color="primary" />
        </div>
      ) : (
        <PullToRefresh onRefresh={load}>
          {items.length === 0 ? (
            <ErrorBlock status="empty" title={t('noTasks')} description="" />
          ) : (
            <List>
              {items.map((a) => (
                <List.Item
                  key={a.id}
                  onClick={() => onOpen(a.id)}
                  data-testid={`m-task-${a.id}`}
                  description={`${a.assignee.name} · ${t('dueAt')} ${formatDateTime(a.dueAt, locale)}`}
                  extra={`${a.itemsDone}/${a.itemCount}`}
                >
                  <div style={{ display: 'flex', gap: 6, alignItems: 'center', flexWrap: 'wrap' }}>
                    {a.overdue && (
                      <Tag color="danger" data-testid={`m-task-overdue-${a.id}`}>
                        {t('overdue')}
                      </Tag>
                    )}
                    <Tag color={a.status === 'returned' ? 'warning' : 'primary'} fill="outline">
                      {pick(ASSIGNMENT_STATUS_LABELS[a.status])}
                    </Tag>
                    <span style={{ fontWeight: 600, wordBreak: 'break-all' }}>{a.taskTitle}</span>
                  </div>
                </List.Item>
              ))}
            </List>
          )}
        </PullToRefresh>
      )}
    </div>
  );
}
