import { ASSIGNMENT_STATUS_LABELS, type AssignmentView, type Evidence } from '@domain/tasks/schemas';
import {
  Button,
  Card,
  Dialog,
  ErrorBlock,
  ImageUploader,
  Input,
  NavBar,
  SpinLoading,
  Tag,
  TextArea,
  Toast,
} from 'antd-mobile';
import { CheckCircleFill } from 'antd-mobile-icons';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, get, post } from '../../api/client';
import { formatDateTime, useI18n } from '../../i18n';
import { usePhotoUploads } from '../cases/usePhotoUploads';

type Item = AssignmentView['items'][number];

/** One assignment: each item fulfilled with its evidence, then handed in. Works at 360 px wide. */
export function AssignmentPage({ id, onBack }: { id: string; onBack(): void }) {
  const { t, pick, locale } = useI18n();
  const [view, setView] = useState<AssignmentView | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const load = useCallback(async () => {
    try {
      setView(await get<AssignmentView>(`/tasks/assignments/${id}`));
    } catch (e) {
      setFailed(e instanceof ApiError ? e.messageIn(locale) : String(e));
    }
  }, [id, locale]);
  useEffect(() => {
    void load();
  }, [load]);

  const act = async (path: string, body?: unknown) => {
    try {
      setView(await post<AssignmentView>(`/tasks/assignments/${id}${path}`, body));
      return true;
    } catch (e) {
      Toast.show({ content: e instanceof ApiError ? e.messageIn(locale) : String(e) });
      return false;
    }
  };

  if (failed) return <ErrorBlock status="default" title={failed} description="" />;
  if (!view)
    return (
      <div style={{ display: 'flex', justifyContent: 'center', paddingTop: '30vh' }}>
        <SpinLoading color="primary" />
      </div>
    );
  const editable = view.actions.includes('record');
  return (
    <div style={{ paddingBottom: 80 }}>
      <NavBar onBack={onBack}>{t('taskDetail')}</NavBar>
      <Card>
        <div style={{ fontSize: 17, fontWeight: 600, wordBreak: 'break-all' }}>{view.taskTitle}</div>
        <div style={{ display: 'flex', gap: 6, flexWrap: 'wrap', margin: '8px 0' }}>
          <Tag color="primary" fill="outline" data-testid="m-task-status">
            {pick(ASSIGNMENT_STATUS_LABELS[view.status])}
          </Tag>
          {view.overdue && <Tag color="danger">{t('overdue')}</Tag>}
          <span style={{ color: '#666' }}>
            {t('dueAt')} {formatDateTime(view.dueAt, locale)}
          </span>
        </div>
        <div style={{ color: '#666' }}>{view.assignee.name}</div>
        {view.fieldVisit && (
          <div style={{ color: '#666', marginTop: 4 }} data-testid="m-task-field-visit">
            {t('fromFieldVisit')}：{view.fieldVisit.unit.name} ·{' '}
            {formatDateTime(view.fieldVisit.visitedAt, locale)} · {view.fieldVisit.visitor.name}
          </div>
        )}
        {view.instructions && (
          <p style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{view.instructions}</p>
        )}
        {view.returnReason && view.status !== 'scored' && (
          <p style={{ color: '#d4380d' }}>
            {t('returnedBecause')}：{view.returnReason}
          </p>
        )}
        {view.percent !== null && (
          <p data-testid="m-task-score">
            {t('taskScore')}：{view.score}（{view.percent}%）
            {view.scoreComment ? ` · ${view.scoreComment}` : ''}
          </p>
        )}
      </Card>
      {view.items.map((item, index) => (
        <ItemCard
          // biome-ignore lint/suspicious/noArrayIndexKey: a task's items never change once issued; the position is their identity
          key={`${index}-${item.title}`}
          index={index}
          item={item}
          evidence={view.evidence[index] ?? null}
          editable={editable}
          onSave={(evidence) => act('/evidence', { item: index, evidence })}
        />
      ))}
      {view.actions.includes('submit') && (
        <div style={{ padding: 12 }}>
          <Button
            block
            color="primary"
            size="large"
            data-testid="m-task-submit"
            disabled={view.evidence.some((e) => e === null)}
            onClick={() => setConfirming(true)}
          >
            {t('submitTask')}
          </Button>
          <Dialog
            visible={confirming}
            content={t('submitTaskConfirm')}
            closeOnAction
            onClose={() => setConfirming(false)}
            actions={[
              [
                { key: 'cancel', text: t('cancel') },
                {
                  key: 'confirm',
                  text: t('ok'),
                  bold: true,
                  onClick: async () => {
                    if (await act('/submit')) Toast.show({ content: t('taskSubmitted') });
                  },
                },
              ],
            ]}
          />
        </div>
      )}
    </div>
  );
}

function ItemCard({
  index,
  item,
  evidence,
  editable,
  onSave,
}: {
  index: number;
  item: Item;
  evidence: Evidence | null;
  editable: boolean;
  onSave(e: Evidence): Promise<boolean>;
}) {
  const { t } = useI18n();
  const [text, setText] = useState(evidence?.kind === 'text' ? evidence.text : '');
  const [value, setValue] = useState(evidence?.kind === 'number' ? String(evidence.value) : '');
  const [locating, setLocating] = useState(false);
  const { photos, setPhotos, upload, uploading, photoIds } = usePhotoUploads();
  const done = evidence !== null;
  const checkIn = () => {
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        void onSave({ kind: 'checkin', location: { lat: pos.coords.latitude, lng: pos.coords.longitude } });
      },
      () => {
        setLocating(false);
        Toast.show({ content: t('locationFailed') });
      },
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  };
  return (
    <Card
      data-testid={`m-task-item-${index}`}
      title={
        <span style={{ display: 'flex', gap: 6, alignItems: 'center' }}>
          {done && <CheckCircleFill color="#00b578" data-testid={`m-task-item-done-${index}`} />}
          {index + 1}. {item.title}
        </span>
      }
      extra={<span style={{ color: '#999' }}>{t(`evidence_${item.evidence}`)}</span>}
      style={{ marginTop: 8 }}
    >
      {done && <EvidenceText evidence={evidence} />}
      {editable && item.evidence === 'photo' && (
        <>
          <ImageUploader
            value={photos}
            onChange={setPhotos}
            maxCount={9}
            accept="image/*"
            capture="environment"
            upload={upload}
          />
          <Button
            size="small"
            color="primary"
            style={{ marginTop: 8 }}
            disabled={photoIds.length === 0 || uploading}
            data-testid={`m-task-save-${index}`}
            onClick={() => void onSave({ kind: 'photo', photoIds }).then((ok) => ok && setPhotos([]))}
          >
            {t('saveEvidence')}
          </Button>
        </>
      )}
      {editable && item.evidence === 'text' && (
        <>
          <TextArea
            value={text}
            onChange={setText}
            rows={3}
            maxLength={2000}
            data-testid={`m-task-text-${index}`}
          />
          <Button
            size="small"
            color="primary"
            disabled={!text.trim()}
            data-testid={`m-task-save-${index}`}
            onClick={() => void onSave({ kind: 'text', text })}
          >
            {t('saveEvidence')}
          </Button>
        </>
      )}
      {editable && item.evidence === 'number' && (
        <div style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
          <Input
            type="number"
            inputMode="decimal"
            value={value}
            onChange={setValue}
            style={{ flex: 1, border: '1px solid #ddd', borderRadius: 4, padding: '4px 8px' }}
            data-testid={`m-task-number-${index}`}
          />
          <Button
            size="small"
            color="primary"
            disabled={value === '' || !Number.isFinite(Number(value))}
            data-testid={`m-task-save-${index}`}
            onClick={() => void onSave({ kind: 'number', value: Number(value) })}
          >
            {t('saveEvidence')}
          </Button>
        </div>
      )}
      {editable && item.evidence === 'checkin' && (
        <Button
          size="small"
          color="primary"
          loading={locating}
          data-testid={`m-task-checkin-${index}`}
          onClick={checkIn}
        >
          {t('checkInHere')}（{item.radiusM} m）
        </Button>
      )}
    </Card>
  );
}

function EvidenceText({ evidence }: { evidence: Evidence }) {
  const { t } = useI18n();
  if (evidence.kind === 'photo')
    return (
      <div style={{ display: 'flex', gap: 6, flexWrap: 'wrap', marginBottom: 8 }}>
        {evidence.photoIds.map((p) => (
          <img
            key={p}
            src={`/api/v1/photos/${p}/thumb`}
            alt=""
            style={{ width: 64, height: 64, objectFit: 'cover', borderRadius: 4 }}
          />
        ))}
      </div>
    );
  if (evidence.kind === 'text') return <p style={{ wordBreak: 'break-all' }}>{evidence.text}</p>;
  if (evidence.kind === 'number') return <p>{evidence.value}</p>;
  return (
    <p>
      {t('checkedIn')}
      {evidence.distanceM != null ? `（${evidence.distanceM} m）` : ''}
    </p>
  );
}
