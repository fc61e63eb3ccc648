import {
  FACILITY_KIND_INFO,
  FACILITY_PROBLEM_LABELS,
  type FacilityProblem,
  type FacilityReportResult,
  type ScannedFacility,
} from '@domain/facilities/schemas';
import {
  Button,
  Card,
  ErrorBlock,
  Form,
  ImageUploader,
  NavBar,
  Result,
  SpinLoading,
  TextArea,
  Toast,
} from 'antd-mobile';
import { useCallback, useEffect, useState } from 'react';
import { uuidv7 } from 'uuidv7';
import { ApiError, get, post } from '../../api/client';
import { useI18n } from '../../i18n';
import { usePhotoUploads } from '../cases/usePhotoUploads';

/**
 * What a scanned QR label opens: the facility and its place already filled in, and one button per
 * problem. The report's id is made once here, so a tap resent after a lost answer is the same report.
 */
export function FacilityReportPage({
  code,
  onBack,
  onOpenCase,
}: {
  code: string;
  onBack(): void;
  onOpenCase(id: string): void;
}) {
  const { t, pick, locale } = useI18n();
  const [id] = useState(() => uuidv7());
  const [facility, setFacility] = useState<ScannedFacility | null>(null);
  const [missing, setMissing] = useState<string | null>(null);
  const [other, setOther] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<FacilityReportResult | null>(null);
  const { photos, setPhotos, upload, uploading, photoIds } = usePhotoUploads();

  const load = useCallback(async () => {
    try {
      setFacility(await get<ScannedFacility>(`/facilities/by-code/${encodeURIComponent(code)}`));
    } catch (e) {
      setMissing(e instanceof ApiError ? e.messageIn(locale) : String(e));
    }
  }, [code, locale]);
  useEffect(() => {
    void load();
  }, [load]);

  const send = async (problem: FacilityProblem, note?: string) => {
    setBusy(true);
    try {
      const body = { id, problem, photoIds, ...(note?.trim() ? { note: note.trim() } : {}) };
      setResult(
        await post<FacilityReportResult>(`/facilities/by-code/${encodeURIComponent(code)}/reports`, body),
      );
    } catch (e) {
      Toast.show({ icon: 'fail', content: e instanceof ApiError ? e.messageIn(locale) : String(e) });
    } finally {
      setBusy(false);
    }
  };

  if (missing) {
    return (
      <div>
        <NavBar onBack={onBack}>{t('facilityReport')}</NavBar>
        <ErrorBlock status="empty" title={missing} description={code}>
          <Button onClick={onBack}>{t('backHome')}</Button>
        </ErrorBlock>
      </div>
    );
  }
  if (!facility) {
    return (
      <div style={{ display: 'flex', justifyContent: 'center', paddingTop: '40vh' }}>
        <SpinLoading color="primary" />
      </div>
    );
  }
  const kind = FACILITY_KIND_INFO[facility.kind];

  if (result) {
    const description = result.joined
      ? t('facilityJoined', { n: result.reporters })
      : result.worker
        ? t('facilitySentDirect', { name: result.worker })
        : t('facilitySentCenter');
    return (
      <div>
        <NavBar onBack={onBack}>{t('facilityReport')}</NavBar>
        <Result status="success" title={t('reportSent')} description={description} />
        <div data-testid="m-facility-result" style={{ display: 'none' }}>
          {result.joined ? 'joined' : result.status}
        </div>
        <div style={{ padding: 16, display: 'flex', flexDirection: 'column', gap: 12 }}>
          {!result.joined && (
            <Button
              block
              color="primary"
              size="large"
              onClick={() => onOpenCase(result.caseId)}
              data-testid="m-facility-view-case"
            >
              {t('viewCase')}
            </Button>
          )}
          <Button block size="large" onClick={onBack} data-testid="m-facility-back">
            {t('backHome')}
          </Button>
        </div>
      </div>
    );
  }

  return (
    <div>
      <NavBar onBack={onBack}>{t('facilityReport')}</NavBar>
      <div style={{ padding: 12 }}>
        <Card>
          <div style={{ fontSize: 20, fontWeight: 600 }} data-testid="m-facility-title">
            {pick(kind)} · {facility.code}
          </div>
          <div style={{ fontSize: 16, marginTop: 6 }}>{facility.place}</div>
          <div style={{ color: '#666', marginTop: 4 }}>{facility.trail.join(' · ')}</div>
        </Card>
        <div style={{ color: '#666', margin: '16px 4px 8px' }}>{t('facilityOneTap')}</div>
        <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
          {facility.problems
            .filter((p) => p !== 'other')
            .map((p) => (
              <Button
                key={p}
                block
                color={p === 'full' ? 'primary' : 'danger'}
                size="large"
                loading={busy}
                style={{ height: 64, fontSize: 20 }}
                onClick={() => void send(p)}
                data-testid={`m-facility-${p}`}
              >
                {pick(FACILITY_PROBLEM_LABELS[p])}
              </Button>
            ))}
          {!other && (
            <Button block size="large" onClick={() => setOther(true)} data-testid="m-facility-other">
              {pick(FACILITY_PROBLEM_LABELS.other)}
            </Button>
          )}
        </div>
        {other && (
          <Card style={{ marginTop: 12 }}>
            <Form
              layout="vertical"
              onFinish={(v: { note?: string }) => void send('other', v.note)}
              footer={
                <Button
                  block
                  type="submit"
                  color="primary"
                  size="large"
                  loading={busy || uploading}
                  data-testid="m-facility-other-submit"
                >
                  {t('submit')}
                </Button>
              }
            >
              <Form.Item name="note" label={t('facilityNote')}>
                <TextArea rows={3} maxLength={500} showCount data-testid="m-facility-note" />
              </Form.Item>
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
            </Form>
          </Card>
        )}
      </div>
    </div>
  );
}
