import {
  GENDER_LABELS,
  type HouseholdView,
  RELATION_LABELS,
  RESIDENT_TAG_LABELS,
} from '@domain/registry/schemas';
import { Descriptions, Drawer, Spin, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n';
import { household } from '../../registry/api';
import { RevealButton } from './RevealButton';

/** One household, masked; the reveal buttons appear only when the server says this viewer may use them. */
export function HouseholdDrawer({ id, onClose }: { id: string | null; onClose(): void }) {
  const { t, pick } = useI18n();
  const [view, setView] = useState<HouseholdView | null>(null);

  useEffect(() => {
    setView(null);
    if (id) void household(id).then(setView);
  }, [id]);

  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      width={Math.min(860, window.innerWidth)}
      title={t('householdRecord')}
    >
      {!view ? (
        <Spin />
      ) : (
        <>
          <Descriptions size="small" column={2} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('courtyard')}>{view.courtyard.name}</Descriptions.Item>
            <Descriptions.Item label={t('address')}>{view.address}</Descriptions.Item>
            <Descriptions.Item label={t('linkedMembers')}>
              {view.links.map((l) => l.name).join('、') || '—'}
            </Descriptions.Item>
          </Descriptions>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            scroll={{ x: 760 }}
            dataSource={view.residents}
            data-testid="residents"
            columns={[
              { title: t('personName'), dataIndex: 'name' },
              { title: t('relation'), render: (_, r) => pick(RELATION_LABELS[r.relation]) },
              { title: t('gender'), render: (_, r) => pick(GENDER_LABELS[r.gender]) },
              { title: t('birthDate'), dataIndex: 'birthDate' },
              {
                title: t('phone'),
                render: (_, r) => (
                  <RevealButton residentId={r.id} field="phone" masked={r.phone} allowed={view.can.reveal} />
                ),
              },
              {
                title: t('idNumber'),
                render: (_, r) => (
                  <RevealButton
                    residentId={r.id}
                    field="idNumber"
                    masked={r.idNumber}
                    allowed={view.can.reveal}
                  />
                ),
              },
              {
                title: t('residentTags'),
                render: (_, r) => r.tags.map((tag) => <Tag key={tag}>{pick(RESIDENT_TAG_LABELS[tag])}</Tag>),
              },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}
