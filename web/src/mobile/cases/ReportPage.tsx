import type { Me } from '@domain/auth/schemas';
import type { CaseReceipt } from '@domain/cases/schemas';
import type { MatterView } from '@domain/matters/views';
import type { OrgUnitDetail } from '@domain/org/schemas';
import { Button, Checkbox, Form, ImageUploader, NavBar, Picker, Switch, TextArea, Toast } from 'antd-mobile';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { uuidv7 } from 'uuidv7';
import { ApiError, get, post } from '../../api/client';
import type { UploadedPhoto } from '../../api/photos';
import { useI18n } from '../../i18n';
import { keepForLater, worthSendingLater } from '../outbox';
import { usePhotoUploads } from './usePhotoUploads';

/**
 * 随手拍上报: matter, words, photos, place. Photos upload as they are taken; the report itself
 * carries an id made here, so sending it again after a lost answer never files it twice.
 */
export function ReportPage({
  me,
  onBack,
  onSent,
}: {
  me: Me;
  onBack(): void;
  onSent(receipt: CaseReceipt | null): void;
}) {
  const { t, locale } = useI18n();
  const [id] = useState(() => uuidv7());
  const [matters, setMatters] = useState<MatterView[]>([]);
  const [matterId, setMatterId] = useState<string>();
  const [pickerOpen, setPickerOpen] = useState(false);
  const [fix, setFix] = useState<{ lat: number; lng: number } | null>(null);
  const { photos, setPhotos, upload, uploading, photoIds } = usePhotoUploads(
    useCallback((photo: UploadedPhoto) => photo.gps && setFix((f) => f ?? photo.gps), []),
  );
  const [busy, setBusy] = useState(false);
  const home = me.grants[0];

  useEffect(() => {
    if (!home) return;
    void get<OrgUnitDetail>(`/org/units/${home.unitId}`)
      .then((unit) => (unit.townId ? get<MatterView[]>(`/org/units/${unit.townId}/matters`) : []))
      .then((list) => setMatters(list.filter((m) => m.parentId && !m.retired)))
      .catch((e: unknown) =>
        Toast.show({ content: e instanceof ApiError ? e.messageIn(locale) : String(e) }),
      );
  }, [home, locale]);

  const columns = useMemo(() => [matters.map((m) => ({ value: m.id, label: m.name }))], [matters]);
  const matter = matters.find((m) => m.id === matterId);

  const locate = () =>
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setFix({ lat: p.coords.latitude, lng: p.coords.longitude });
        Toast.show({ content: t('located') });
      },
      () => Toast.show({ content: t('gpsFailed') }),
      { enableHighAccuracy: true, timeout: 15_000 },
    );

  const submit = async (values: { description: string; urgent?: boolean; anonymous?: boolean }) => {
    if (!matterId) return Toast.show({ content: t('chooseMatter') });
    const body = {
      id,
      matterId,
      description: values.description,
      urgency: values.urgent ? 'urgent' : 'normal',
      anonymous: !!values.anonymous,
      photoIds,
      // Without a fix from the phone, the server tries the photos' GPS, then the reporter's own unit.
      ...(fix ? { location: fix } : { unitId: home?.unitId }),
    };
    setBusy(true);
    try {
      onSent(await post<CaseReceipt>('/cases', body));
      Toast.show({ icon: 'success', content: t('reportSent') });
    } catch (e) {
      if (worthSendingLater(e)) {
        keepForLater(body);
        Toast.show({ content: t('reportQueued') });
        onSent(null);
      } else {
        Toast.show({ icon: 'fail', content: e instanceof ApiError ? e.messageIn(locale) : String(e) });
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <NavBar onBack={onBack}>{t('newReport')}</NavBar>
      <Form
        layout="vertical"
        onFinish={(v) => void submit(v)}
        footer={
          <Button
            block
            type="submit"
            color="primary"
            size="large"
            loading={busy || uploading}
            data-testid="m-report-submit"
          >
            {t('submit')}
          </Button>
        }
      >
        <Form.Item
          label={t('matter')}
          onClick={() => setPickerOpen(true)}
          arrowIcon
          data-testid="m-report-matter"
        >
          {matter ? matter.name : <span style={{ color: '#999' }}>{t('chooseMatter')}</span>}
        </Form.Item>
        <Picker
          columns={columns}
          visible={pickerOpen}
          onClose={() => setPickerOpen(false)}
          value={matterId ? [matterId] : []}
          onConfirm={(v) => setMatterId(v[0] as string)}
        />
        <Form.Item name="description" label={t('description')} rules={[{ required: true, max: 2000 }]}>
          <TextArea rows={4} showCount maxLength={2000} data-testid="m-report-description" />
        </Form.Item>
        <Form.Item label={t('snapReport')}>
          <ImageUploader
            value={photos}
            onChange={setPhotos}
            maxCount={9}
            accept="image/*"
            capture="environment"
            upload={upload}
            data-testid="m-report-photos"
          />
        </Form.Item>
        <Form.Item label={t('place')}>
          <Button size="small" onClick={locate} data-testid="m-report-locate">
            {t('useGps')}
          </Button>{' '}
          <span style={{ color: '#666' }}>
            {fix
              ? `${fix.lat.toFixed(5)}, ${fix.lng.toFixed(5)}`
              : (home?.unitTrail.slice(-2).join(' · ') ?? '')}
          </span>
        </Form.Item>
        <Form.Item name="urgent" label={t('urgent')} childElementPosition="right" valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="anonymous" valuePropName="checked">
          <Checkbox>{t('hideName')}</Checkbox>
        </Form.Item>
      </Form>
    </div>
  );
}
