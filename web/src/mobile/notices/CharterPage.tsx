import type { CharterVersion, CourtyardCharter, MyCharter } from '@domain/notices/schemas';
import { Button, Card, Collapse, Dialog, ErrorBlock, List, NavBar, Tag, TextArea, Toast } from 'antd-mobile';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, get, post } from '../../api/client';
import { formatDateTime, useI18n } from '../../i18n';
import { Markdown } from '../../shared/Markdown';
import { BottomBar } from '../BottomBar';

function useShowError() {
  const { locale } = useI18n();
  return useCallback(
    (e: unknown) => Toast.show({ content: e instanceof ApiError ? e.messageIn(locale) : String(e) }),
    [locale],
  );
}

function Versions({ versions }: { versions: CharterVersion[] }) {
  const { t, locale } = useI18n();
  const [current, ...older] = versions;
  if (!current) return <ErrorBlock status="empty" title={t('charterNone')} description="" />;
  return (
    <>
      <Card
        style={{ margin: 12 }}
        title={`${t('charterCurrent')} · ${t('charterVersion', { version: current.version })}`}
        data-testid="m-charter-current"
      >
        <Markdown source={current.body} />
        <div style={{ color: '#999', fontSize: 12, marginTop: 8 }}>
          {current.publisher.name} · {formatDateTime(current.publishedAt, locale)}
        </div>
      </Card>
      {older.length > 0 && (
        <Collapse style={{ margin: '0 12px' }}>
          {older.map((v) => (
            <Collapse.Panel
              key={v.id}
              title={`${t('charterOld')} · ${t('charterVersion', { version: v.version })}`}
            >
              <Markdown source={v.body} />
            </Collapse.Panel>
          ))}
        </Collapse>
      )}
    </>
  );
}

/** A resident's charter: read it, and acknowledge it once for the household. */
export function MyCharterPage({ onBack }: { onBack(): void }) {
  const { t, locale } = useI18n();
  const showError = useShowError();
  const [charter, setCharter] = useState<MyCharter | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(
    () => get<MyCharter>('/charters/mine').then(setCharter).catch(showError),
    [showError],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const acknowledge = async () => {
    const current = charter?.versions[0];
    if (!current) return;
    setBusy(true);
    try {
      await post(`/charters/${current.id}/acknowledge`);
      await load();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  const ack = charter?.acknowledgment;
  return (
    <div style={{ paddingBottom: 80 }}>
      <NavBar onBack={onBack}>
        {t('charter')}
        {charter?.courtyard ? ` · ${charter.courtyard.name}` : ''}
      </NavBar>
      {charter && <Versions versions={charter.versions} />}
      {charter && charter.versions.length > 0 && (
        <BottomBar>
          <div style={{ padding: 12, background: '#fff' }}>
            {ack ? (
              <div style={{ color: '#389e0d', textAlign: 'center' }} data-testid="m-charter-acknowledged">
                ✓ {t('acknowledgedBy', { name: ack.by.name, at: formatDateTime(ack.at, locale) })}
              </div>
            ) : charter.can.acknowledge ? (
              <Button
                block
                color="primary"
                size="large"
                loading={busy}
                onClick={() => void acknowledge()}
                data-testid="m-charter-acknowledge"
              >
                {t('acknowledge')}
              </Button>
            ) : (
              <div style={{ color: '#999', textAlign: 'center' }}>
                {t(charter.reason === 'minor' ? 'ackMinor' : 'ackNotBound')}
              </div>
            )}
          </div>
        </BottomBar>
      )}
    </div>
  );
}

/** A courtyard head's charter: publish a new version, and see which households have acknowledged. */
export function HeadCharterPage({ courtyardId, onBack }: { courtyardId: string; onBack(): void }) {
  const { t, locale } = useI18n();
  const showError = useShowError();
  const [charter, setCharter] = useState<CourtyardCharter | null>(null);
  const [draft, setDraft] = useState('');
  const load = useCallback(
    () =>
      get<CourtyardCharter>(`/charters/courtyards/${courtyardId}`)
        .then((c) => {
          setCharter(c);
          setDraft((d) => d || c.versions[0]?.body || '');
        })
        .catch(showError),
    [courtyardId, showError],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const [confirming, setConfirming] = useState(false);
  const publish = async () => {
    try {
      await post(`/charters/courtyards/${courtyardId}`, { body: draft });
      Toast.show({ content: t('published') });
      await load();
    } catch (e) {
      showError(e);
    }
  };

  const done = charter?.households.filter((h) => h.acknowledgment).length ?? 0;
  return (
    <div style={{ paddingBottom: 24 }}>
      <NavBar onBack={onBack}>
        {t('charter')}
        {charter ? ` · ${charter.courtyard.name}` : ''}
      </NavBar>
      <Card style={{ margin: 12 }} title={t('charterEditor')}>
        <TextArea
          value={draft}
          onChange={setDraft}
          rows={8}
          maxLength={20_000}
          placeholder={t('noticeBodyHelp')}
          data-testid="m-charter-draft"
        />
        <div style={{ color: '#999', fontSize: 12, margin: '6px 0' }}>{t('noticeBodyHelp')}</div>
        <Button
          block
          color="primary"
          disabled={!draft.trim()}
          onClick={() => setConfirming(true)}
          data-testid="m-charter-publish"
        >
          {t('charterPublish')}
        </Button>
        <Dialog
          visible={confirming}
          content={t('charterPublish')}
          closeOnAction
          onClose={() => setConfirming(false)}
          actions={[
            [
              { key: 'cancel', text: t('cancel') },
              { key: 'confirm', text: t('ok'), bold: true, onClick: () => void publish() },
            ],
          ]}
        />
      </Card>
      {charter && charter.versions.length > 0 && (
        <List
          header={
            <span data-testid="m-charter-ack-summary">
              {t('ackSummary', { done, total: charter.households.length })}
            </span>
          }
          style={{ margin: '0 12px' }}
        >
          {charter.households.map((h) => (
            <List.Item
              key={h.id}
              data-testid={`m-charter-household-${h.id}`}
              description={
                h.acknowledgment
                  ? `${h.acknowledgment.by.name} · ${formatDateTime(h.acknowledgment.at, locale)}`
                  : undefined
              }
              extra={
                h.acknowledgment ? (
                  <Tag color="success">{t('acknowledged')}</Tag>
                ) : (
                  <Tag color="default">{t('notAcknowledged')}</Tag>
                )
              }
            >
              {h.address}
              {h.headName ? ` · ${h.headName}` : ''}
            </List.Item>
          ))}
        </List>
      )}
      {charter && <Versions versions={charter.versions} />}
    </div>
  );
}
