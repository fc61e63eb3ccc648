import type { CaseSummary } from '@domain/cases/schemas';
import { CASE_STATUS_LABELS } from '@domain/cases/states';
import { InfiniteScroll, List, NavBar, Tag } from 'antd-mobile';
import { useCallback, useState } from 'react';
import { get } from '../../api/client';
import { formatDateTime, useI18n } from '../../i18n';

/** My reports, or the cases of my grid: newest first, loading more as the list scrolls. */
export function CaseListPage({
  title,
  scope,
  onBack,
  onOpen,
}: {
  title: string;
  scope: 'mine' | 'all' | 'post';
  onBack(): void;
  onOpen(id: string): void;
}) {
  const { t, pick, locale } = useI18n();
  const [items, setItems] = useState<CaseSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [hasMore, setHasMore] = useState(true);

  const loadMore = useCallback(async () => {
    const page = await get<{ items: CaseSummary[]; nextCursor: string | null }>(
      `/cases?scope=${scope}&limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    setItems((prev) => [...prev, ...page.items]);
    setCursor(page.nextCursor);
    setHasMore(page.nextCursor !== null);
  }, [scope, cursor]);

  return (
    <div>
      <NavBar onBack={onBack}>{title}</NavBar>
      <List>
        {items.map((c) => (
          <List.Item
            key={c.id}
            onClick={() => onOpen(c.id)}
            prefix={
              c.thumbUrl ? (
                <img
                  src={c.thumbUrl}
                  alt=""
                  width={48}
                  height={48}
                  style={{ objectFit: 'cover', borderRadius: 6 }}
                />
              ) : undefined
            }
            description={`${c.unit.trail.slice(-2).join(' · ')} · ${formatDateTime(c.reportedAt, locale)}`}
            extra={
              <span>
                <Tag
                  color={c.status === 'closed' ? 'success' : c.overdueLevel > 0 ? 'danger' : 'primary'}
                  data-testid={`m-case-status-${c.id}`}
                >
                  {pick(CASE_STATUS_LABELS[c.status])}
                </Tag>
                {c.overdueLevel > 0 && <Tag color="danger">{t('overdue')}</Tag>}
              </span>
            }
            data-testid={`m-case-${c.id}`}
          >
            {c.matter.name}
            <div style={{ color: '#666', fontSize: 13 }}>{c.description.slice(0, 40)}</div>
          </List.Item>
        ))}
      </List>
      <InfiniteScroll loadMore={loadMore} hasMore={hasMore} />
    </div>
  );
}
