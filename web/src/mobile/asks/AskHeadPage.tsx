import {
  ASK_KIND_LABELS,
  ASK_KINDS,
  type AskDetail,
  type AskKind,
  type AskList as AskListData,
} from '@domain/asks/schemas';
import { Button, Form, ImageUploader, NavBar, Selector, TextArea, Toast } from 'antd-mobile';
import { useCallback, useEffect, useState } from 'react';
import { uuidv7 } from 'uuidv7';
import { ApiError, get, post } from '../../api/client';
import { useI18n } from '../../i18n';
import { usePhotoUploads } from '../cases/usePhotoUploads';
import { AskList } from './AskList';
import { VoiceRecorder } from './VoiceRecorder';

/** 找院长 for a resident: send a dispute or request to the courtyard head, and follow one's asks. */
export function AskHeadPage({ onBack, onOpen }: { onBack(): void; onOpen(id: string): void }) {
  const { t, pick, locale } = useI18n();
  const [id, setId] = useState(() => uuidv7());
  const [kind, setKind] = useState<AskKind>('dispute');
  const [voiceNoteId, setVoiceNoteId] = useState<string>();
  const [recorderKey, setRecorderKey] = useState(0);
  const { photos, setPhotos, upload, uploading, photoIds } = usePhotoUploads();
  const [busy, setBusy] = useState(false);
  const [mine, setMine] = useState<AskListData>({ items: [], unreadCount: 0 });
  const [form] = Form.useForm();

  const load = useCallback(async () => {
    try {
      setMine(await get<AskListData>('/asks?box=mine'));
    } catch (e) {
      Toast.show({ content: e instanceof ApiError ? e.messageIn(locale) : String(e) });
    }
  }, [locale]);
  useEffect(() => {
    void load();
  }, [load]);

  const submit = async (values: { text?: string }) => {
    const text = values.text?.trim() ?? '';
    if (!text && !voiceNoteId) return Toast.show({ content: t('askNeedsWords') });
    setBusy(true);
    try {
      await post<AskDetail>('/asks', { id, kind, text, photoIds, ...(voiceNoteId ? { voiceNoteId } : {}) });
      Toast.show({ icon: 'success', content: t('askSent') });
      form.resetFields();
      setPhotos([]);
      setVoiceNoteId(undefined);
      setRecorderKey((k) => k + 1);
      setId(uuidv7());
      await load();
    } catch (e) {
      Toast.show({ icon: 'fail', content: e instanceof ApiError ? e.messageIn(locale) : String(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <NavBar onBack={onBack}>{t('askHead')}</NavBar>
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
            data-testid="m-ask-submit"
          >
            {t('askSend')}
          </Button>
        }
      >
        <Form.Item label={t('askKind')}>
          <Selector
            options={ASK_KINDS.map((k) => ({ value: k, label: pick(ASK_KIND_LABELS[k]) }))}
            value={[kind]}
            onChange={(v) => v[0] && setKind(v[0])}
            data-testid="m-ask-kind"
          />
        </Form.Item>
        <Form.Item name="text" label={t('askText')} rules={[{ max: 2000 }]}>
          <TextArea rows={4} showCount maxLength={2000} data-testid="m-ask-text" />
        </Form.Item>
        <Form.Item label={t('askPhotos')}>
          <ImageUploader
            value={photos}
            onChange={setPhotos}
            maxCount={9}
            accept="image/*"
            capture="environment"
            upload={upload}
            data-testid="m-ask-photos"
          />
        </Form.Item>
        <Form.Item label={t('askVoice')}>
          <VoiceRecorder key={recorderKey} onChange={setVoiceNoteId} />
        </Form.Item>
      </Form>
      <div style={{ padding: '12px 12px 4px', color: '#666' }}>{t('myAsks')}</div>
      <AskList items={mine.items} showResident={false} onOpen={onOpen} />
    </div>
  );
}
