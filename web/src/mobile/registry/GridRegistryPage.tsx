import type { Me } from '@domain/auth/schemas';
import type { OrgUnit } from '@domain/org/schemas';
import {
  type HouseholdSummary,
  type HouseholdView,
  RELATION_LABELS,
  type ResidentInput,
  type ResidentView,
  type RevealField,
} from '@domain/registry/schemas';
import { Button, Card, Dialog, Form, Input, List, NavBar, Selector, Tag, TextArea, Toast } from 'antd-mobile';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, get, patch, post } from '../../api/client';
import { useI18n } from '../../i18n';
import { household, households, reveal } from '../../registry/api';
import { ResidentForm } from './ResidentForm';

type View =
  | { name: 'list' }
  | { name: 'household'; id: string }
  | { name: 'new' }
  | { name: 'addResident'; householdId: string }
  | { name: 'editResident'; householdId: string; resident: ResidentView };

/**
 * 信息采集 on the phone: a grid worker's households, opened one by one, added and corrected on the
 * doorstep; courtyard heads see the same list (masked) and the courtyard's invite code.
 */
export function GridRegistryPage({ me, onBack }: { me: Me; onBack(): void }) {
  const { t, locale } = useI18n();
  const home = me.grants.find((g) => g.role === 'grid_worker' || g.role === 'courtyard_head');
  const [view, setView] = useState<View>({ name: 'list' });
  const [rows, setRows] = useState<HouseholdSummary[]>([]);
  const [yards, setYards] = useState<OrgUnit[]>([]);
  const [busy, setBusy] = useState(false);
  const fail = useCallback(
    (e: unknown) => Toast.show({ content: e instanceof ApiError ? e.messageIn(locale) : String(e) }),
    [locale],
  );

  const load = useCallback(() => {
    if (!home) return;
    void households(home.unitId).then(setRows).catch(fail);
  }, [home, fail]);
  useEffect(load, [load]);
  useEffect(() => {
    if (!home) return;
    if (home.role === 'courtyard_head') return;
    void get<{ items: OrgUnit[] }>(`/org/units/${home.unitId}/children?limit=200`)
      .then((page) => setYards(page.items.filter((u) => u.kind === 'courtyard')))
      .catch(fail);
  }, [home, fail]);

  const run = async <T,>(work: () => Promise<T>, then: (result: T) => void) => {
    setBusy(true);
    try {
      then(await work());
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  if (view.name === 'household')
    return (
      <HouseholdScreen
        id={view.id}
        onBack={() => setView({ name: 'list' })}
        onAdd={() => setView({ name: 'addResident', householdId: view.id })}
        onEdit={(resident) => setView({ name: 'editResident', householdId: view.id, resident })}
      />
    );
  if (view.name === 'addResident' || view.name === 'editResident') {
    const editing = view.name === 'editResident' ? view.resident : null;
    return (
      <div>
        <NavBar onBack={() => setView({ name: 'household', id: view.householdId })}>
          {editing ? editing.name : t('addResident')}
        </NavBar>
        <ResidentForm
          busy={busy}
          masked={editing ? { phone: editing.phone, idNumber: editing.idNumber } : undefined}
          initial={
            editing
              ? {
                  name: editing.name,
                  relation: [editing.relation],
                  gender: [editing.gender],
                  birthDate: editing.birthDate,
                  tags: editing.tags,
                }
              : undefined
          }
          onSubmit={(input) =>
            void run(
              () =>
                editing
                  ? patch(`/registry/residents/${editing.id}`, input)
                  : post(`/registry/households/${view.householdId}/residents`, input),
              () => {
                Toast.show({ content: t('saved') });
                setView({ name: 'household', id: view.householdId });
              },
            )
          }
        />
      </div>
    );
  }
  if (view.name === 'new')
    return (
      <NewHousehold
        yards={yards}
        busy={busy}
        onBack={() => setView({ name: 'list' })}
        onSubmit={(courtyardId, address, head) =>
          void run(
            () => post<HouseholdView>('/registry/households', { courtyardId, address, residents: [head] }),
            (made) => {
              load();
              setView({ name: 'household', id: made.id });
            },
          )
        }
      />
    );

  return (
    <div>
      <NavBar onBack={onBack}>{t('registry')}</NavBar>
      {home?.role === 'courtyard_head' && <InviteCard courtyardId={home.unitId} />}
      {yards.length > 0 && (
        <div style={{ padding: '12px 12px 0' }}>
          <Button
            block
            color="primary"
            data-testid="m-new-household"
            onClick={() => setView({ name: 'new' })}
          >
            {t('addHousehold')}
          </Button>
        </div>
      )}
      <List header={t('households')} data-testid="m-households">
        {rows.map((h) => (
          <List.Item
            key={h.id}
            onClick={() => setView({ name: 'household', id: h.id })}
            description={h.courtyard.name}
            extra={`${h.residentCount}${t('people')}`}
          >
            {h.address} · {h.headName ?? '—'}
          </List.Item>
        ))}
      </List>
    </div>
  );
}

function NewHousehold(props: {
  yards: OrgUnit[];
  busy: boolean;
  onBack(): void;
  onSubmit(courtyardId: string, address: string, head: Partial<ResidentInput>): void;
}) {
  const { t } = useI18n();
  const [courtyard, setCourtyard] = useState<string[]>([]);
  const [address, setAddress] = useState('');
  return (
    <div>
      <NavBar onBack={props.onBack}>{t('addHousehold')}</NavBar>
      <Form layout="vertical">
        <Form.Item label={t('courtyard')}>
          <Selector
            columns={2}
            value={courtyard}
            onChange={setCourtyard}
            options={props.yards.map((y) => ({ value: y.id, label: y.name }))}
          />
        </Form.Item>
        <Form.Item label={t('address')}>
          <Input value={address} onChange={setAddress} maxLength={100} data-testid="m-household-address" />
        </Form.Item>
      </Form>
      <div style={{ padding: '8px 16px', color: '#666' }}>{t('headOfHousehold')}</div>
      <ResidentForm
        busy={props.busy}
        onSubmit={(head) => {
          if (!courtyard[0] || !address.trim()) return Toast.show({ content: t('chooseCourtyardAddress') });
          props.onSubmit(courtyard[0], address.trim(), head);
        }}
      />
    </div>
  );
}

function HouseholdScreen(props: {
  id: string;
  onBack(): void;
  onAdd(): void;
  onEdit(r: ResidentView): void;
}) {
  const { t, pick, locale } = useI18n();
  const [view, setView] = useState<HouseholdView | null>(null);
  const [shown, setShown] = useState<Record<string, string>>({});
  useEffect(() => {
    void household(props.id).then(setView);
  }, [props.id]);

  const ask = (r: ResidentView, field: RevealField) => {
    let reason = '';
    void Dialog.confirm({
      title: t('revealTitle', { field: field === 'idNumber' ? t('idNumber') : t('phone') }),
      content: <TextArea placeholder={t('revealReason')} rows={2} onChange={(v) => (reason = v)} />,
      confirmText: t('ok'),
      cancelText: t('cancel'),
      onConfirm: async () => {
        if (reason.trim().length < 2) {
          Toast.show({ content: t('revealReasonRequired') });
          return;
        }
        try {
          const { value } = await reveal(r.id, field, reason.trim());
          setShown((s) => ({ ...s, [`${r.id}:${field}`]: value }));
        } catch (e) {
          Toast.show({ content: e instanceof ApiError ? e.messageIn(locale) : String(e) });
        }
      },
    });
  };
  const number = (r: ResidentView, field: RevealField) => {
    const masked = r[field];
    if (!masked) return null;
    const full = shown[`${r.id}:${field}`];
    return (
      <div>
        {full ?? masked}
        {!full && view?.can.reveal && (
          <Button size="mini" fill="none" color="primary" onClick={() => ask(r, field)}>
            {t('reveal')}
          </Button>
        )}
      </div>
    );
  };

  if (!view) return <NavBar onBack={props.onBack}>{t('householdRecord')}</NavBar>;
  return (
    <div>
      <NavBar onBack={props.onBack}>{`${view.courtyard.name} · ${view.address}`}</NavBar>
      <List>
        {view.residents.map((r) => (
          <List.Item
            key={r.id}
            onClick={view.can.edit ? () => props.onEdit(r) : undefined}
            extra={pick(RELATION_LABELS[r.relation])}
            description={
              <div style={{ lineHeight: 1.7 }}>
                {r.birthDate}
                {number(r, 'phone')}
                {number(r, 'idNumber')}
                {r.tags.length > 0 && <Tag fill="outline">{r.tags.length}</Tag>}
              </div>
            }
          >
            {r.name}
          </List.Item>
        ))}
      </List>
      {view.can.edit && (
        <div style={{ padding: 12 }}>
          <Button block onClick={props.onAdd} data-testid="m-add-resident">
            {t('addResident')}
          </Button>
        </div>
      )}
    </div>
  );
}

/** The courtyard's invite code, read out at a meeting; a new one at once if the old one went astray. */
function InviteCard({ courtyardId }: { courtyardId: string }) {
  const { t } = useI18n();
  const [code, setCode] = useState<string | null>(null);
  useEffect(() => {
    void get<{ code: string }>(`/registry/courtyards/${courtyardId}/invite`).then((i) => setCode(i.code));
  }, [courtyardId]);
  return (
    <Card title={t('inviteCode')} style={{ margin: 12 }}>
      <div style={{ fontSize: 28, letterSpacing: 6, fontWeight: 600 }} data-testid="m-invite">
        {code ?? '…'}
      </div>
      <Button
        size="small"
        style={{ marginTop: 8 }}
        onClick={() =>
          void post<{ code: string }>(`/registry/courtyards/${courtyardId}/invite`).then((i) =>
            setCode(i.code),
          )
        }
      >
        {t('rotateInvite')}
      </Button>
    </Card>
  );
}
