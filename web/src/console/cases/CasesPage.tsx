import type { Me } from '@domain/auth/schemas';
import type { CaseSummary } from '@domain/cases/schemas';
import { CASE_STATUS_LABELS, CASE_STATUSES, type CaseStatus } from '@domain/cases/states';
import {
  App,
  Badge,
  Button,
  Card,
  DatePicker,
  Flex,
  Input,
  Segmented,
  Select,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, get } from '../../api/client';
import { formatDateTime, useI18n } from '../../i18n';
import { CaseDrawer } from './CaseDrawer';
import { CaseMapView } from './CaseMapView';
import { KpiPanel } from './KpiPanel';
import { useCaseFeed } from './useCaseFeed';

type View = 'intake' | 'all' | 'post';
interface Filters {
  status: CaseStatus[];
  urgency?: 'normal' | 'urgent';
  overdue: boolean;
  q: string;
  from?: string;
  to?: string;
}

const STATUS_COLORS: Record<CaseStatus, string> = {
  reported: 'orange',
  rejected: 'default',
  accepted: 'gold',
  dispatched: 'blue',
  in_progress: 'processing',
  resolved: 'cyan',
  verified: 'geekblue',
  closed: 'green',
  escalated: 'purple',
};

function query(view: View, f: Filters, cursor: string | null): string {
  const p = new URLSearchParams({ limit: '50' });
  if (view === 'intake') p.set('status', 'reported');
  if (view === 'post') p.set('scope', 'post');
  if (view !== 'intake' && f.status.length) p.set('status', f.status.join(','));
  if (f.urgency) p.set('urgency', f.urgency);
  if (f.overdue) p.set('overdue', 'true');
  if (f.q.trim()) p.set('q', f.q.trim());
  if (f.from) p.set('from', f.from);
  if (f.to) p.set('to', f.to);
  if (cursor) p.set('cursor', cursor);
  return p.toString();
}

/** 事件办理: the center's intake queue and case list, or a post's own queue; stable keyset pages. */
export default function CasesPage({ me }: { me: Me }) {
  const { t, pick, locale } = useI18n();
  const { message } = App.useApp();
  const isPostStaff = me.grants.some((g) => g.role === 'post_staff');
  const isCenter = me.grants.some((g) =>
    ['center_operator', 'admin', 'district_supervisor'].includes(g.role),
  );
  const [view, setView] = useState<View>(isCenter ? 'intake' : 'post');
  const [filters, setFilters] = useState<Filters>({ status: [], overdue: false, q: '' });
  const [rows, setRows] = useState<CaseSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const [changes, setChanges] = useState(0);
  const [display, setDisplay] = useState<'list' | 'map'>('list');
  const overseen = me.grants.find((g) =>
    ['center_operator', 'admin', 'district_supervisor'].includes(g.role),
  );

  // Only the latest request may fill the list: a slow answer for the queue the operator just left
  // (a live refresh racing a switch to 全部事件) must not overwrite the one they switched to.
  const latest = useRef(0);
  const load = useCallback(
    async (after: string | null) => {
      const ticket = ++latest.current;
      setLoading(true);
      try {
        const page = await get<{ items: CaseSummary[]; nextCursor: string | null }>(
          `/cases?${query(view, filters, after)}`,
        );
        if (ticket !== latest.current) return;
        setRows((prev) => (after ? [...prev, ...page.items] : page.items));
        setCursor(page.nextCursor);
      } catch (e) {
        if (ticket === latest.current)
          void message.error(e instanceof ApiError ? e.messageIn(locale) : String(e));
      } finally {
        if (ticket === latest.current) setLoading(false);
      }
    },
    [view, filters, message, locale],
  );
  useEffect(() => {
    void load(null);
  }, [load]);
  const loadRef = useRef(load);
  loadRef.current = load;

  // New reports and steps arrive live: refresh the list and the figures, and say what came in.
  const refresh = useRef<ReturnType<typeof setTimeout> | null>(null);
  const refreshSoon = useCallback(() => {
    if (refresh.current) clearTimeout(refresh.current);
    // The latest `load`, for the view shown when the timer fires, not the one when it was set.
    refresh.current = setTimeout(() => {
      setChanges((n) => n + 1);
      void loadRef.current(null);
    }, 500);
  }, []);
  useCaseFeed(
    overseen?.unitId,
    (e) => {
      if (e.action === 'report') void message.info({ content: t('newCaseArrived'), key: 'feed' });
      if (e.action === 'overdue' || e.action === 'overdue_twice')
        void message.warning({ content: t('caseWentOverdue'), key: 'feed-overdue' });
      refreshSoon();
    },
    refreshSoon,
  );

  const views = [
    ...(isCenter
      ? [
          { value: 'intake', label: t('intake') },
          { value: 'all', label: t('allCases') },
        ]
      : []),
    ...(isPostStaff ? [{ value: 'post', label: t('myPostQueue') }] : []),
  ];
  const ledgerHref = `/api/v1/cases/ledger.xlsx?${query(view, filters, null).replace(/(^|&)limit=\d+/, '')}`;

  return (
    <>
      {overseen && <KpiPanel unitId={overseen.unitId} refreshKey={changes} />}
      <Card
        title={t('cases')}
        extra={
          <Button href={ledgerHref} data-testid="cases-export">
            {t('exportLedger')}
          </Button>
        }
      >
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <Segmented options={views} value={view} onChange={(v) => setView(v as View)} />
          {view !== 'intake' && (
            <Select
              mode="multiple"
              allowClear
              placeholder={t('status')}
              style={{ minWidth: 200 }}
              value={filters.status}
              onChange={(status) => setFilters((f) => ({ ...f, status }))}
              options={CASE_STATUSES.map((s) => ({ value: s, label: pick(CASE_STATUS_LABELS[s]) }))}
            />
          )}
          <Select
            allowClear
            placeholder={t('urgency')}
            style={{ width: 120 }}
            value={filters.urgency}
            onChange={(urgency) => setFilters((f) => ({ ...f, urgency }))}
            options={[
              { value: 'urgent', label: t('urgent') },
              { value: 'normal', label: t('normal') },
            ]}
          />
          <DatePicker.RangePicker
            onChange={(range) =>
              setFilters((f) => ({
                ...f,
                from: range?.[0]?.startOf('day').toISOString(),
                to: range?.[1]?.endOf('day').toISOString(),
              }))
            }
          />
          <Input.Search
            placeholder={t('textSearch')}
            allowClear
            style={{ width: 200 }}
            onSearch={(q) => setFilters((f) => ({ ...f, q }))}
          />
          <Flex align="center" gap={6}>
            <Switch
              checked={filters.overdue}
              onChange={(overdue) => setFilters((f) => ({ ...f, overdue }))}
            />
            {t('overdueOnly')}
          </Flex>
          {overseen && (
            <Segmented
              value={display}
              onChange={(v) => setDisplay(v as 'list' | 'map')}
              options={[
                { value: 'list', label: locale === 'en' ? 'List' : '列表' },
                { value: 'map', label: locale === 'en' ? 'Map' : '地图' },
              ]}
              data-testid="cases-display"
            />
          )}
        </Flex>
        {display === 'map' && overseen ? (
          <CaseMapView rootUnitId={overseen.unitId} onOpen={setOpen} />
        ) : (
          <>
            <Table<CaseSummary>
              rowKey="id"
              dataSource={rows}
              loading={loading}
              pagination={false}
              size="middle"
              onRow={(c) =>
                ({
                  onClick: () => setOpen(c.id),
                  style: { cursor: 'pointer' },
                  'data-testid': `case-row-${c.id}`,
                }) as never
              }
              columns={[
                {
                  title: t('reportedAt'),
                  render: (_, c) => formatDateTime(c.reportedAt, locale),
                  width: 150,
                },
                {
                  title: t('matter'),
                  render: (_, c) => (
                    <>
                      {c.matter.name}
                      {c.urgency === 'urgent' && (
                        <Tag color="red" style={{ marginInlineStart: 6 }}>
                          {t('urgent')}
                        </Tag>
                      )}
                    </>
                  ),
                },
                { title: t('description'), dataIndex: 'description', ellipsis: true },
                {
                  title: t('place'),
                  render: (_, c) => (
                    <Typography.Text type="secondary">{c.unit.trail.slice(1).join(' / ')}</Typography.Text>
                  ),
                },
                {
                  title: t('status'),
                  render: (_, c) => (
                    <Flex gap={4} align="center">
                      <Tag color={STATUS_COLORS[c.status]}>{pick(CASE_STATUS_LABELS[c.status])}</Tag>
                      {c.overdueLevel > 0 && <Badge status="error" text={t('overdue')} />}
                      {c.paused && <Tag>{t('paused')}</Tag>}
                    </Flex>
                  ),
                },
                { title: t('stageDue'), render: (_, c) => formatDateTime(c.stageDueAt, locale), width: 150 },
                { title: t('leadPost'), render: (_, c) => c.leadPost?.name ?? '—' },
              ]}
            />
            {cursor && (
              <Button block style={{ marginTop: 12 }} onClick={() => void load(cursor)} loading={loading}>
                {t('loadMore')}
              </Button>
            )}
          </>
        )}
        {open && (
          <CaseDrawer
            caseId={open}
            onClose={() => setOpen(null)}
            onChanged={() => {
              setChanges((n) => n + 1);
              void load(null);
            }}
          />
        )}
      </Card>
    </>
  );
}
