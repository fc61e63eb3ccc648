import { ROLE_LABELS } from '@domain/auth/roles';
import { ACTIONS_NEEDING_REASON, type CaseDetail, type LeadCandidate } from '@domain/cases/schemas';
import { CASE_ACTION_LABELS, type CaseAction, RATING_LABELS, RATINGS } from '@domain/cases/states';
import { SECTOR_LABELS, type SectorKind } from '@domain/org/kinds';
import { Alert, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, get, post } from '../../api/client';
import { useI18n } from '../../i18n';

interface PostOption {
  value: string;
  label: string;
}

/** The form for one action on a case; sends the version it saw so a stale copy is refused, not applied. */
export function ActionDialog(props: {
  detail: CaseDetail;
  action: CaseAction;
  onClose(): void;
  onDone(next: CaseDetail): void;
}) {
  const { t, pick, locale } = useI18n();
  const [form] = Form.useForm();
  const [posts, setPosts] = useState<PostOption[]>([]);
  const [people, setPeople] = useState<LeadCandidate[] | null>(null);
  const leadBy: 'post' | 'person' = Form.useWatch('leadBy', form) ?? 'post';
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { action, detail } = props;

  useEffect(() => {
    if (action !== 'dispatch') return;
    void get<{ kind: SectorKind; posts: { id: string; name: string; retired: boolean }[] }[]>(
      `/org/units/${detail.townId}/sectors`,
    )
      .then((sectors) =>
        setPosts(
          sectors.flatMap((s) =>
            s.posts
              .filter((p) => !p.retired)
              .map((p) => ({ value: p.id, label: `${pick(SECTOR_LABELS[s.kind])} · ${p.name}` })),
          ),
        ),
      )
      .catch(() => setPosts([]));
  }, [action, detail.townId, pick]);

  useEffect(() => {
    if (action !== 'dispatch' || leadBy !== 'person' || people) return;
    void get<LeadCandidate[]>(`/cases/${detail.id}/lead-candidates`)
      .then(setPeople)
      .catch(() => setPeople([]));
  }, [action, leadBy, people, detail.id]);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const body: Record<string, unknown> = { action, expectedVersion: detail.version };
      if (v.note?.trim()) body.note = v.note.trim();
      if (action === 'dispatch') {
        if (v.leadBy === 'person') body.leadUserId = v.leadUserId;
        else body.leadPostId = v.leadPostId;
        body.assistPostIds = v.assistPostIds ?? [];
      }
      if (action === 'rate') body.rating = v.rating;
      if (action === 'whistle') body.checkInHours = v.checkInHours;
      props.onDone(await post<CaseDetail>(`/cases/${detail.id}/actions`, body));
    } catch (e) {
      setError(e instanceof ApiError ? e.messageIn(locale) : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={pick(CASE_ACTION_LABELS[action])}
      okText={t('submit')}
      cancelText={t('cancel')}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={props.onClose}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          checkInHours: 2,
          leadBy: detail.leadUser ? 'person' : 'post',
          leadPostId: detail.leadPost?.id,
          leadUserId: detail.leadUser?.id,
        }}
      >
        {action === 'dispatch' && (
          <>
            <Form.Item name="leadBy" label={t('leadBy')}>
              <Radio.Group
                optionType="button"
                data-testid="dispatch-lead-by"
                options={[
                  { value: 'post', label: t('leadByPost') },
                  { value: 'person', label: t('leadByPerson') },
                ]}
              />
            </Form.Item>
            {leadBy === 'post' ? (
              <Form.Item name="leadPostId" label={t('leadPost')} rules={[{ required: true }]}>
                <Select options={posts} showSearch optionFilterProp="label" data-testid="dispatch-lead" />
              </Form.Item>
            ) : (
              <Form.Item
                name="leadUserId"
                label={t('leadPerson')}
                extra={t('leadPersonHint')}
                rules={[{ required: true }]}
              >
                <Select
                  showSearch
                  optionFilterProp="label"
                  loading={!people}
                  data-testid="dispatch-lead-person"
                  options={(people ?? []).map((p) => ({
                    value: p.id,
                    label: `${p.name} · ${p.roles.map((r) => pick(ROLE_LABELS[r])).join('、')}`,
                  }))}
                />
              </Form.Item>
            )}
            <Form.Item name="assistPostIds" label={t('assistPosts')}>
              <Select mode="multiple" options={posts} optionFilterProp="label" />
            </Form.Item>
          </>
        )}
        {action === 'rate' && (
          <Form.Item name="rating" label={t('rating')} rules={[{ required: true }]}>
            <Radio.Group options={RATINGS.map((r) => ({ value: r, label: pick(RATING_LABELS[r]) }))} />
          </Form.Item>
        )}
        {action === 'whistle' && (
          <Form.Item name="checkInHours" label={t('checkInHours')} rules={[{ required: true }]}>
            <InputNumber min={0.5} max={72} />
          </Form.Item>
        )}
        <Form.Item
          name="note"
          label={ACTIONS_NEEDING_REASON.includes(action) ? t('reason') : t('note')}
          rules={[{ required: ACTIONS_NEEDING_REASON.includes(action), whitespace: true, max: 2000 }]}
        >
          <Input.TextArea rows={3} data-testid="action-note" />
        </Form.Item>
      </Form>
      {error && <Alert type="error" title={error} />}
    </Modal>
  );
}
