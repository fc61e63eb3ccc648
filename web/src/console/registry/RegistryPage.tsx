import type { Me } from '@domain/auth/schemas';
import { type HouseholdSummary, RESIDENT_TAG_LABELS } from '@domain/registry/schemas';
import { App, Button, Card, Flex, Space, Table, Tabs, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, get } from '../../api/client';
import { formatDateTime, useI18n } from '../../i18n';
import { households } from '../../registry/api';
import { UnitPicker } from '../org/UnitPicker';
import { HouseholdDrawer } from './HouseholdDrawer';
import { ImportRosterButton } from './ImportRosterButton';
import { BindRequestsPanel, CorrectionsPanel } from './RequestsPanels';

interface RevealEntry {
  id: string;
  at: string;
  actor: { name: string };
  resident: { name: string };
  field: 'idNumber' | 'phone';
  reason: string;
}

/** 信息采集: the households under a unit, masked; roster import and export; for admins, the reveal log. */
export default function RegistryPage({ me }: { me: Me }) {
  const { t, pick, locale } = useI18n();
  const { message } = App.useApp();
  const [unitId, setUnitId] = useState<string | undefined>(me.grants[0]?.unitId);
  const [rows, setRows] = useState<HouseholdSummary[]>([]);
  const [more, setMore] = useState(false);
  const [loading, setLoading] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const [reveals, setReveals] = useState<RevealEntry[]>([]);
  const roles = new Set(me.grants.map((g) => g.role));
  const keeps = roles.has('admin') || roles.has('center_operator');
  const audits = roles.has('admin');

  const load = useCallback(
    async (after?: string) => {
      if (!unitId) return;
      setLoading(true);
      try {
        const page = await households(unitId, after);
        setRows((prev) => (after ? [...prev, ...page] : page));
        setMore(page.length === 200);
      } catch (e) {
        void message.error(e instanceof ApiError ? e.messageIn(locale) : String(e));
      } finally {
        setLoading(false);
      }
    },
    [unitId, message, locale],
  );
  const loadReveals = useCallback(async () => {
    if (unitId && roles.has('admin'))
      setReveals(await get<RevealEntry[]>(`/registry/reveals?unitId=${unitId}&limit=200`));
  }, [unitId, roles.has]);

  useEffect(() => {
    void load();
  }, [load]);

  const list = (
    <>
      <Table
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={rows}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        scroll={{ x: 640 }}
        data-testid="households"
        onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('courtyard'), render: (_, r) => r.courtyard.name },
          { title: t('address'), dataIndex: 'address' },
          { title: t('headOfHousehold'), render: (_, r) => r.headName ?? '—' },
          { title: t('residentCount'), dataIndex: 'residentCount', width: 70 },
          {
            title: t('residentTags'),
            render: (_, r) => r.tags.map((tag) => <Tag key={tag}>{pick(RESIDENT_TAG_LABELS[tag])}</Tag>),
          },
        ]}
      />
      {more && (
        <Button block style={{ marginTop: 8 }} onClick={() => void load(rows.at(-1)?.id)}>
          {t('loadMore')}
        </Button>
      )}
    </>
  );

  return (
    <Card
      title={t('registry')}
      extra={
        unitId && (
          <Space wrap>
            {keeps && <Button href="/api/v1/registry/template.xlsx">{t('downloadTemplate')}</Button>}
            {keeps && <ImportRosterButton unitId={unitId} onDone={() => void load()} />}
            <Button href={`/api/v1/registry/export.xlsx?unitId=${unitId}`}>{t('exportRoster')}</Button>
          </Space>
        )
      }
    >
      <Flex style={{ marginBottom: 12, maxWidth: 360 }}>
        <UnitPicker
          value={unitId}
          onChange={(id) => setUnitId(id)}
          placeholder={t('chooseRegistryUnit')}
          selectable={() => true}
          testId="registry-unit"
        />
      </Flex>
      <Tabs
        onChange={(key) => key === 'reveals' && void loadReveals()}
        destroyOnHidden
        items={[
          { key: 'households', label: t('households'), children: list },
          ...(keeps && unitId
            ? [
                {
                  key: 'corrections',
                  label: t('corrections'),
                  children: <CorrectionsPanel unitId={unitId} />,
                },
                { key: 'bind', label: t('bindRequests'), children: <BindRequestsPanel unitId={unitId} /> },
              ]
            : []),
          ...(audits
            ? [
                {
                  key: 'reveals',
                  label: t('revealLog'),
                  children: (
                    <Table
                      rowKey="id"
                      size="small"
                      data-testid="reveal-log"
                      dataSource={reveals}
                      scroll={{ x: 640 }}
                      columns={[
                        { title: t('revealedAt'), render: (_, r) => formatDateTime(r.at, locale) },
                        { title: t('revealedBy'), render: (_, r) => r.actor.name },
                        { title: t('personName'), render: (_, r) => r.resident.name },
                        {
                          title: t('revealedField'),
                          render: (_, r) => (r.field === 'idNumber' ? t('idNumber') : t('phone')),
                        },
                        { title: t('rejectReasons'), dataIndex: 'reason' },
                      ]}
                    />
                  ),
                },
              ]
            : []),
        ]}
      />
      <HouseholdDrawer id={open} onClose={() => setOpen(null)} />
    </Card>
  );
}
