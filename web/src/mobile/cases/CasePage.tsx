import { ACTIONS_NEEDING_REASON, ACTIONS_WITH_PHOTOS, type CaseDetail } from '@domain/cases/schemas';
import {
  CASE_ACTION_LABELS,
  CASE_STATUS_LABELS,
  type CaseAction,
  eventLabel,
  RATING_LABELS,
  RATINGS,
} from '@domain/cases/states';
import {
  Button,
  Card,
  Form,
  ImageUploader,
  NavBar,
  Popup,
  Radio,
  Space,
  Steps,
  Tag,
  TextArea,
  Toast,
} from 'antd-mobile';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, get, post } from '../../api/client';
import { formatDateTime, useI18n } from '../../i18n';
import { BottomBar } from '../BottomBar';
import { usePhotoUploads } from './usePhotoUploads';

/** A case on the phone: its timeline, and the actions this person may take (verify, settle, rate, object…). */
export function CasePage({ caseId, onBack }: { caseId: string; onBack(): void }) {
  const { t, pick, locale } = useI18n();
  const [detail, setDetail] = useState<CaseDetail | null>(null);
  const [acting, setActing] = useState<CaseAction | null>(null);
  const { photos, setPhotos, upload, uploading, photoIds } = usePhotoUploads();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();

  const load = useCallback(async () => {
    try {
      setDetail(await get<CaseDetail>(`/cases/${caseId}`));
    } catch (e) {
      Toast.show({ content: e instanceof ApiError ? e.messageIn(locale) : String(e) });
    }
  }, [caseId, locale]);
  useEffect(() => {
    void load();
  }, [load]);

  const submit = async (values: { note?: string; rating?: string }) => {
    if (!detail || !acting) return;
    setBusy(true);
    try {
      const body: Record<string, unknown> = { action: acting, expectedVersion: detail.version };
      if (values.note?.trim()) body.note = values.note.trim();
      if (acting === 'rate') body.rating = values.rating;
      else body.photoIds = photoIds;
      setDetail(await post<CaseDetail>(`/cases/${detail.id}/actions`, body));
      setActing(null);
      setPhotos([]);
      form.resetFields();
      Toast.show({ icon: 'success', content: pick(CASE_ACTION_LABELS[acting]) });
    } catch (e) {
      Toast.show({ icon: 'fail', content: e instanceof ApiError ? e.messageIn(locale) : String(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <NavBar onBack={onBack}>{detail ? detail.matter.name : t('loading')}</NavBar>
      {detail && (
        <div style={{ padding: 12, paddingBottom: 96 }}>
          <Card>
            <Space wrap>
              <Tag color="primary" data-testid="m-case-status">
                {pick(CASE_STATUS_LABELS[detail.status])}
              </Tag>
              {detail.urgency === 'urgent' && <Tag color="danger">{t('urgent')}</Tag>}
              {detail.askId && <Tag color="warning">{t('fromAsk')}</Tag>}
              {detail.overdueLevel > 0 && <Tag color="danger">{t('overdue')}</Tag>}
              {detail.rating && <Tag color="success">{pick(RATING_LABELS[detail.rating])}</Tag>}
            </Space>
            <p style={{ fontSize: 16 }}>{detail.description}</p>
            <div style={{ color: '#666' }}>{detail.unit.trail.join(' · ')}</div>
            {detail.photos.length > 0 && (
              <Space wrap style={{ marginTop: 8 }}>
                {detail.photos.map((p) => (
                  <img
                    key={p.id}
                    src={p.thumbUrl}
                    alt=""
                    width={72}
                    height={72}
                    style={{ objectFit: 'cover', borderRadius: 6 }}
                  />
                ))}
              </Space>
            )}
          </Card>
          <Card title={t('timeline')} style={{ marginTop: 12 }}>
            <Steps direction="vertical" current={detail.timeline.length - 1}>
              {detail.timeline.map((e) => (
                <Steps.Step
                  key={e.id}
                  title={pick(eventLabel(e.action))}
                  description={`${e.actor?.name ?? ''} ${formatDateTime(e.at, locale)}${e.note ? `\n${e.note}` : ''}`}
                />
              ))}
            </Steps>
          </Card>
        </div>
      )}
      {detail && detail.can.length > 0 && (
        <BottomBar style={{ padding: 12, display: 'flex', gap: 8, flexWrap: 'wrap' }}>
          {detail.can.map((a) => (
            <Button
              key={a}
              color={['reject', 'rework', 'object'].includes(a) ? 'danger' : 'primary'}
              fill={a === 'rework' ? 'outline' : 'solid'}
              style={{ flex: 1 }}
              onClick={() => setActing(a)}
              data-testid={`m-action-${a}`}
            >
              {pick(CASE_ACTION_LABELS[a])}
            </Button>
          ))}
        </BottomBar>
      )}
      <Popup
        visible={acting !== null}
        onMaskClick={() => setActing(null)}
        bodyStyle={{ borderTopLeftRadius: 12, borderTopRightRadius: 12, maxHeight: '80vh', overflow: 'auto' }}
      >
        {acting && (
          <Form
            form={form}
            layout="vertical"
            onFinish={(v) => void submit(v)}
            footer={
              <Button
                block
                type="submit"
                color="primary"
                size="large"
                loading={busy || uploading}
                data-testid="m-action-submit"
              >
                {pick(CASE_ACTION_LABELS[acting])}
              </Button>
            }
          >
            {acting === 'rate' && (
              <Form.Item name="rating" label={t('rating')} rules={[{ required: true }]}>
                <Radio.Group>
                  <Space direction="vertical">
                    {RATINGS.map((r) => (
                      <Radio key={r} value={r} data-testid={`m-rating-${r}`}>
                        {pick(RATING_LABELS[r])}
                      </Radio>
                    ))}
                  </Space>
                </Radio.Group>
              </Form.Item>
            )}
            <Form.Item
              name="note"
              label={ACTIONS_NEEDING_REASON.includes(acting) ? t('reason') : t('note')}
              rules={[{ required: ACTIONS_NEEDING_REASON.includes(acting), whitespace: true }]}
            >
              <TextArea rows={3} data-testid="m-action-note" />
            </Form.Item>
            {ACTIONS_WITH_PHOTOS.includes(acting) && (
              <Form.Item label={t('snapReport')}>
                <ImageUploader
                  value={photos}
                  onChange={setPhotos}
                  maxCount={9}
                  accept="image/*"
                  capture="environment"
                  upload={upload}
                />
              </Form.Item>
            )}
          </Form>
        )}
      </Popup>
    </div>
  );
}
