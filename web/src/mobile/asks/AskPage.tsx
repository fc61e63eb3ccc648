import { ASK_KIND_LABELS, type AskDetail } from '@domain/asks/schemas';
import { ASK_ACTION_LABELS, ASK_STATUS_LABELS, type AskAction } from '@domain/asks/states';
import type { MatterView } from '@domain/matters/views';
import {
  Button,
  Card,
  Form,
  Image,
  Input,
  NavBar,
  Picker,
  Popup,
  Space,
  Steps,
  Tag,
  TextArea,
  Toast,
} from 'antd-mobile';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError, get, post } from '../../api/client';
import { formatDateTime, useI18n } from '../../i18n';
import { BottomBar } from '../BottomBar';

type FormStep = 'answer' | 'mediate' | 'hand_over';
const PATHS: Record<AskAction, string> = {
  answer: 'answer',
  mediate: 'mediation',
  hand_over: 'hand-over',
  confirm: 'outcome',
  reopen: 'outcome',
  close: 'outcome',
};

/** One ask on the phone: what was asked, the head's answers and mediations, and the steps this person may take. */
export function AskPage({
  askId,
  onBack,
  onOpenCase,
}: {
  askId: string;
  onBack(): void;
  onOpenCase(id: string): void;
}) {
  const { t, pick, locale } = useI18n();
  const [detail, setDetail] = useState<AskDetail | null>(null);
  const [acting, setActing] = useState<FormStep | null>(null);
  const [matters, setMatters] = useState<MatterView[]>([]);
  const [matterId, setMatterId] = useState<string>();
  const [pickerOpen, setPickerOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const fail = useCallback(
    (e: unknown) =>
      Toast.show({ icon: 'fail', content: e instanceof ApiError ? e.messageIn(locale) : String(e) }),
    [locale],
  );

  useEffect(() => {
    get<AskDetail>(`/asks/${askId}`).then(setDetail, fail);
  }, [askId, fail]);
  useEffect(() => {
    if (acting !== 'hand_over' || !detail || matters.length) return;
    get<MatterView[]>(`/org/units/${detail.townId}/matters`)
      // Disputes first: most asks handed over are quarrels the courtyard could not settle.
      .then((list) =>
        setMatters(
          list
            .filter((m) => m.parentId && !m.retired)
            .sort((a, b) => Number(b.isDispute) - Number(a.isDispute)),
        ),
      )
      .catch(fail);
  }, [acting, detail, matters.length, fail]);
  const columns = useMemo(
    () => [
      matters.map((m) => ({ value: m.id, label: m.isDispute ? `${m.name}（${t('dispute')}）` : m.name })),
    ],
    [matters, t],
  );

  const act = async (action: AskAction, body: Record<string, unknown>) => {
    if (!detail) return;
    setBusy(true);
    try {
      setDetail(await post<AskDetail>(`/asks/${detail.id}/${PATHS[action]}`, body));
      setActing(null);
      form.resetFields();
      Toast.show({ icon: 'success', content: pick(ASK_ACTION_LABELS[action]) });
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };
  const submitForm = (v: {
    text?: string;
    parties?: string;
    agreement?: string;
    followUpOn?: string;
    note?: string;
  }) => {
    if (acting === 'answer') return act('answer', { text: v.text });
    if (acting === 'mediate') {
      return act('mediate', {
        parties: v.parties,
        agreement: v.agreement,
        ...(v.followUpOn ? { followUpOn: v.followUpOn } : {}),
      });
    }
    if (!matterId) return Toast.show({ content: t('chooseMatter') });
    return act('hand_over', { matterId, ...(v.note?.trim() ? { note: v.note.trim() } : {}) });
  };

  if (!detail) return <NavBar onBack={onBack}>{t('askHead')}</NavBar>;
  const formSteps = detail.can.filter(
    (a): a is FormStep => a === 'answer' || a === 'mediate' || a === 'hand_over',
  );
  const quickSteps = detail.can.filter((a) => a === 'confirm' || a === 'reopen' || a === 'close');
  const matter = matters.find((m) => m.id === matterId);

  return (
    <div style={{ paddingBottom: detail.can.length ? 72 : 12 }}>
      <NavBar onBack={onBack}>{pick(ASK_KIND_LABELS[detail.kind])}</NavBar>
      <Card style={{ margin: 12 }}>
        <Space wrap>
          <Tag color="primary" data-testid="m-ask-status">
            {pick(ASK_STATUS_LABELS[detail.status])}
          </Tag>
          <span style={{ color: '#666' }}>
            {detail.resident.name} · {detail.courtyard.name} · {formatDateTime(detail.askedAt, locale)}
          </span>
        </Space>
        <div style={{ marginTop: 8, fontSize: 16, wordBreak: 'break-all' }} data-testid="m-ask-detail-text">
          {detail.text}
        </div>
        {detail.photos.length > 0 && (
          <Space wrap style={{ marginTop: 8 }}>
            {detail.photos.map((p) => (
              <Image
                key={p.id}
                src={p.url}
                width={96}
                height={96}
                fit="cover"
                style={{ borderRadius: 6 }}
                lazy
              />
            ))}
          </Space>
        )}
        {detail.voiceUrl && (
          // biome-ignore lint/a11y/useMediaCaption: a resident's own voice note has no captions to offer
          <audio
            controls
            src={detail.voiceUrl}
            style={{ width: '100%', marginTop: 8 }}
            data-testid="m-ask-voice"
          />
        )}
        {detail.case && (
          <Button
            size="small"
            style={{ marginTop: 8 }}
            onClick={() => onOpenCase(detail.case?.id as string)}
            data-testid="m-ask-case"
          >
            {t('linkedCase')} · {t('openCase')}
          </Button>
        )}
      </Card>
      {detail.answers.length > 0 && (
        <Card title={t('headAnswers')} style={{ margin: 12 }} data-testid="m-ask-answers">
          {detail.answers.map((a) => (
            <div key={a.at} style={{ marginBottom: 8, wordBreak: 'break-all' }}>
              <div>{a.text}</div>
              <div style={{ color: '#999', fontSize: 12 }}>
                {a.by.name} · {formatDateTime(a.at, locale)}
              </div>
            </div>
          ))}
        </Card>
      )}
      {detail.mediations.length > 0 && (
        <Card title={t('mediationRecords')} style={{ margin: 12 }} data-testid="m-ask-mediations">
          {detail.mediations.map((m) => (
            <div key={m.id} style={{ marginBottom: 8, wordBreak: 'break-all' }}>
              <div>
                {t('parties')}：{m.parties}
              </div>
              <div>
                {t('agreement')}：{m.agreement}
              </div>
              {m.followUpOn && (
                <div>
                  {t('followUpOn')}：{m.followUpOn}
                </div>
              )}
              <div style={{ color: '#999', fontSize: 12 }}>
                {m.mediator.name} · {formatDateTime(m.at, locale)}
              </div>
            </div>
          ))}
        </Card>
      )}
      <Card title={t('timeline')} style={{ margin: 12 }}>
        <Steps direction="vertical" current={detail.timeline.length - 1}>
          {detail.timeline.map((e) => (
            <Steps.Step
              key={e.id}
              title={pick(ASK_ACTION_LABELS[e.action as AskAction | 'ask'] ?? { zh: e.action, en: e.action })}
              description={`${e.actor?.name ?? ''} · ${formatDateTime(e.at, locale)}`}
            />
          ))}
        </Steps>
      </Card>
      {detail.can.length > 0 && (
        <BottomBar>
          <div style={{ display: 'flex', gap: 8, padding: 8, flexWrap: 'wrap' }}>
            {formSteps.map((a) => (
              <Button
                key={a}
                color="primary"
                style={{ flex: 1 }}
                onClick={() => setActing(a)}
                data-testid={`m-ask-act-${a}`}
              >
                {pick(ASK_ACTION_LABELS[a])}
              </Button>
            ))}
            {quickSteps.map((a) => (
              <Button
                key={a}
                color={a === 'confirm' ? 'success' : 'default'}
                style={{ flex: 1 }}
                loading={busy}
                onClick={() => void act(a, { action: a })}
                data-testid={`m-ask-act-${a}`}
              >
                {pick(ASK_ACTION_LABELS[a])}
              </Button>
            ))}
          </div>
        </BottomBar>
      )}
      <Popup
        visible={acting !== null}
        onMaskClick={() => setActing(null)}
        bodyStyle={{ maxHeight: '85vh', overflowY: 'auto' }}
      >
        <NavBar onBack={() => setActing(null)}>{acting ? pick(ASK_ACTION_LABELS[acting]) : ''}</NavBar>
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => void submitForm(v)}
          footer={
            <Button block type="submit" color="primary" loading={busy} data-testid="m-ask-form-submit">
              {t('submit')}
            </Button>
          }
        >
          {acting === 'answer' && (
            <Form.Item name="text" label={t('headAnswers')} rules={[{ required: true, max: 2000 }]}>
              <TextArea rows={4} maxLength={2000} data-testid="m-ask-answer-text" />
            </Form.Item>
          )}
          {acting === 'mediate' && (
            <>
              <Form.Item name="parties" label={t('parties')} rules={[{ required: true, max: 200 }]}>
                <Input maxLength={200} data-testid="m-ask-parties" />
              </Form.Item>
              <Form.Item name="agreement" label={t('agreement')} rules={[{ required: true, max: 2000 }]}>
                <TextArea rows={3} maxLength={2000} data-testid="m-ask-agreement" />
              </Form.Item>
              <Form.Item name="followUpOn" label={t('followUpOn')}>
                <Input type="date" data-testid="m-ask-follow-up" />
              </Form.Item>
            </>
          )}
          {acting === 'hand_over' && (
            <>
              <Form.Item
                label={t('handOverMatter')}
                onClick={() => setPickerOpen(true)}
                arrowIcon
                data-testid="m-ask-matter"
              >
                {matter ? matter.name : <span style={{ color: '#999' }}>{t('chooseMatter')}</span>}
              </Form.Item>
              <Form.Item name="note" label={t('handOverNote')} rules={[{ max: 500 }]}>
                <TextArea rows={2} maxLength={500} data-testid="m-ask-handover-note" />
              </Form.Item>
            </>
          )}
        </Form>
        <Picker
          columns={columns}
          visible={pickerOpen}
          onClose={() => setPickerOpen(false)}
          value={matterId ? [matterId] : []}
          onConfirm={(v) => setMatterId(v[0] as string)}
        />
      </Popup>
    </div>
  );
}
