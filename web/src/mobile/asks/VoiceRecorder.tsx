import { MAX_VOICE_SECONDS } from '@domain/asks/schemas';
import { Button, Space, Toast } from 'antd-mobile';
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/client';
import { useI18n } from '../../i18n';
import { uploadVoice } from './api';

/**
 * Records a voice note in the browser and uploads it when the recording stops; the parent gets its
 * id. It stops by itself at the limit, so nobody sends a recording the server would refuse.
 */
export function VoiceRecorder({ onChange }: { onChange(voiceNoteId: string | undefined): void }) {
  const { t, locale } = useI18n();
  const [recording, setRecording] = useState(false);
  const [uploading, setUploading] = useState(false);
  const [url, setUrl] = useState<string>();
  const recorder = useRef<MediaRecorder | null>(null);
  const timer = useRef<number | undefined>(undefined);

  useEffect(
    () => () => {
      window.clearTimeout(timer.current);
      recorder.current?.stream.getTracks().forEach((track) => {
        track.stop();
      });
    },
    [],
  );

  const start = async () => {
    if (typeof MediaRecorder === 'undefined' || !navigator.mediaDevices?.getUserMedia) {
      Toast.show({ content: t('voiceUnsupported') });
      return;
    }
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      const r = new MediaRecorder(stream);
      const chunks: Blob[] = [];
      const startedAt = Date.now();
      r.ondataavailable = (e) => chunks.push(e.data);
      r.onstop = async () => {
        stream.getTracks().forEach((track) => {
          track.stop();
        });
        const blob = new Blob(chunks, { type: r.mimeType });
        setUploading(true);
        try {
          const seconds = Math.min(MAX_VOICE_SECONDS, (Date.now() - startedAt) / 1000);
          const { id } = await uploadVoice(blob, seconds);
          setUrl(URL.createObjectURL(blob));
          onChange(id);
        } catch (e) {
          Toast.show({ content: e instanceof ApiError ? e.messageIn(locale) : String(e) });
        } finally {
          setUploading(false);
        }
      };
      r.start();
      recorder.current = r;
      setRecording(true);
      timer.current = window.setTimeout(() => stop(), MAX_VOICE_SECONDS * 1000);
    } catch (e) {
      Toast.show({ content: e instanceof Error ? e.message : String(e) });
    }
  };
  const stop = () => {
    window.clearTimeout(timer.current);
    if (recorder.current?.state === 'recording') recorder.current.stop();
    setRecording(false);
  };
  const remove = () => {
    setUrl(undefined);
    onChange(undefined);
  };

  if (url) {
    return (
      <Space direction="vertical" block>
        {/* biome-ignore lint/a11y/useMediaCaption: a resident's own voice note has no captions to offer */}
        <audio controls src={url} style={{ width: '100%' }} data-testid="m-ask-voice-preview" />
        <Button size="small" onClick={remove}>
          {t('removeVoice')}
        </Button>
      </Space>
    );
  }
  return (
    <Button
      size="small"
      color={recording ? 'danger' : 'default'}
      loading={uploading}
      onClick={() => (recording ? stop() : void start())}
      data-testid="m-ask-record"
    >
      {recording ? t('stopVoice') : t('recordVoice')}
    </Button>
  );
}
