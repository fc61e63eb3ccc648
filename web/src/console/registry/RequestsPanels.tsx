import type { HouseholdSummary } from '@domain/registry/schemas';
import { App, Button, Input, Modal, Select, Space, Table } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, get, post } from '../../api/client';
import { formatDateTime, useI18n } from '../../i18n';
import { households } from '../../registry/api';

interface Correction {
  id: string;
  address: string;
  courtyard: string;
  requester: string;
  message: string;
  createdAt: string;
}

interface BindRequest {
  id: string;
  user: { name: string; phone: string };
  courtyard: { id: string; name: string };
  createdAt: string;
}

function useFail() {
  const { locale } = useI18n();
  const { message } = App.useApp();
  return useCallback(
    (e: unknown) => void message.error(e instanceof ApiError ? e.messageIn(locale) : String(e)),
    [message, locale],
  );
}

/** Residents' requests to correct their record, oldest first; resolving one says what was done. */
export function CorrectionsPanel({ unitId }: { unitId: string }) {
  const { t, locale } = useI18n();
  const fail = useFail();
  const [rows, setRows] = useState<Correction[]>([]);
  const [resolving, setResolving] = useState<Correction | null>(null);
  const [resolution, setResolution] = useState('');
  const load = useCallback(() => {
    void get<Correction[]>(`/registry/corrections?unitId=${unitId}`).then(setRows).catch(fail);
  }, [unitId, fail]);
  useEffect(load, [load]);

  return (
    <>
      <Table
        rowKey="id"
        size="small"
        dataSource={rows}
        scroll={{ x: 640 }}
        data-testid="corrections"
        columns={[
          { title: t('revealedAt'), render: (_, r) => formatDateTime(r.createdAt, locale) },
          { title: t('household'), render: (_, r) => `${r.courtyard} · ${r.address}` },
          { title: t('requester'), dataIndex: 'requester' },
          { title: t('correctionPlaceholder'), dataIndex: 'message' },
          {
            title: '',
            render: (_, r) => (
              <Button size="small" onClick={() => setResolving(r)}>
                {t('resolveCorrection')}
              </Button>
            ),
          },
        ]}
      />
      <Modal
        open={!!resolving}
        title={t('resolveCorrection')}
        okButtonProps={{ disabled: !resolution.trim() }}
        onCancel={() => setResolving(null)}
        onOk={() =>
          void post(`/registry/corrections/${resolving?.id}/resolve`, { resolution: resolution.trim() })
            .then(() => {
              setResolving(null);
              setResolution('');
              load();
            })
            .catch(fail)
        }
      >
        <Input.TextArea
          value={resolution}
          onChange={(e) => setResolution(e.target.value)}
          rows={3}
          maxLength={500}
        />
      </Modal>
    </>
  );
}

/** People who asked to join a courtyard without being found by phone: bind each to a household, or not. */
export function BindRequestsPanel({ unitId }: { unitId: string }) {
  const { t, locale } = useI18n();
  const fail = useFail();
  const [rows, setRows] = useState<BindRequest[]>([]);
  const [choosing, setChoosing] = useState<BindRequest | null>(null);
  const [options, setOptions] = useState<HouseholdSummary[]>([]);
  const [householdId, setHouseholdId] = useState<string>();
  const load = useCallback(() => {
    void get<BindRequest[]>(`/registry/bind-requests?unitId=${unitId}`).then(setRows).catch(fail);
  }, [unitId, fail]);
  useEffect(load, [load]);
  useEffect(() => {
    setHouseholdId(undefined);
    if (choosing) void households(choosing.courtyard.id).then(setOptions).catch(fail);
  }, [choosing, fail]);
  const decide = (id: string, body: unknown) =>
    void post(`/registry/bind-requests/${id}/decide`, body)
      .then(() => {
        setChoosing(null);
        load();
      })
      .catch(fail);

  return (
    <>
      <Table
        rowKey="id"
        size="small"
        dataSource={rows}
        scroll={{ x: 640 }}
        data-testid="bind-requests"
        columns={[
          { title: t('revealedAt'), render: (_, r) => formatDateTime(r.createdAt, locale) },
          { title: t('personName'), render: (_, r) => r.user.name },
          { title: t('phone'), render: (_, r) => r.user.phone },
          { title: t('courtyard'), render: (_, r) => r.courtyard.name },
          {
            title: '',
            render: (_, r) => (
              <Space>
                <Button size="small" type="primary" onClick={() => setChoosing(r)}>
                  {t('approve')}
                </Button>
                <Button size="small" danger onClick={() => decide(r.id, { approve: false })}>
                  {t('decline')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={!!choosing}
        title={t('chooseHousehold')}
        okButtonProps={{ disabled: !householdId }}
        onCancel={() => setChoosing(null)}
        onOk={() => choosing && decide(choosing.id, { approve: true, householdId })}
      >
        <Select
          style={{ width: '100%' }}
          value={householdId}
          onChange={setHouseholdId}
          showSearch
          optionFilterProp="label"
          options={options.map((h) => ({ value: h.id, label: `${h.address} · ${h.headName ?? '—'}` }))}
        />
      </Modal>
    </>
  );
}
