import { GENDER_LABELS, RELATION_LABELS, RESIDENT_TAG_LABELS } from '@domain/registry/schemas';
import { Button, Card, Input, List, NavBar, Result, SpinLoading, Tag, TextArea, Toast } from 'antd-mobile';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, post } from '../../api/client';
import { useI18n } from '../../i18n';
import { type RegistryMe, registryMe } from '../../registry/api';

/**
 * 我的住户: a resident binds to their household with the courtyard's invite code, then sees its record
 * (numbers masked, as everywhere) and may ask for a correction.
 */
export function MyHouseholdPage({ onBack }: { onBack(): void }) {
  const { t, pick, locale } = useI18n();
  const [me, setMe] = useState<RegistryMe | null>(null);
  const [code, setCode] = useState('');
  const [correction, setCorrection] = useState('');
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    void registryMe()
      .then(setMe)
      .catch((e) => Toast.show({ content: e instanceof ApiError ? e.messageIn(locale) : String(e) }));
  }, [locale]);
  useEffect(load, [load]);

  const send = async (path: string, body: unknown, done: string | null) => {
    setBusy(true);
    try {
      await post(path, body);
      if (done) Toast.show({ content: done });
      load();
      return true;
    } catch (e) {
      Toast.show({ content: e instanceof ApiError ? e.messageIn(locale) : String(e) });
      return false;
    } finally {
      setBusy(false);
    }
  };

  const household = me?.boundHousehold;
  return (
    <div>
      <NavBar onBack={onBack}>{t('myHousehold')}</NavBar>
      {!me ? (
        <div style={{ display: 'flex', justifyContent: 'center', paddingTop: 80 }}>
          <SpinLoading color="primary" />
        </div>
      ) : household ? (
        <div style={{ padding: 12 }}>
          <Card title={`${household.courtyard.name} · ${household.address}`} data-testid="m-household">
            <List>
              {household.residents.map((r) => (
                <List.Item
                  key={r.id}
                  description={
                    <div style={{ lineHeight: 1.7 }}>
                      <div>
                        {pick(GENDER_LABELS[r.gender])} · {r.birthDate}
                      </div>
                      {r.phone && <div>{r.phone}</div>}
                      {r.idNumber && <div>{r.idNumber}</div>}
                      <div>
                        {r.tags.map((tag) => (
                          <Tag key={tag} color="primary" fill="outline" style={{ marginRight: 4 }}>
                            {pick(RESIDENT_TAG_LABELS[tag])}
                          </Tag>
                        ))}
                      </div>
                    </div>
                  }
                  extra={pick(RELATION_LABELS[r.relation])}
                >
                  {r.name}
                </List.Item>
              ))}
            </List>
          </Card>
          <Card title={t('askCorrection')} style={{ marginTop: 12 }}>
            <TextArea
              value={correction}
              onChange={setCorrection}
              placeholder={t('correctionPlaceholder')}
              rows={3}
              maxLength={500}
              data-testid="m-correction"
            />
            <Button
              block
              color="primary"
              style={{ marginTop: 8 }}
              loading={busy}
              disabled={!correction.trim()}
              data-testid="m-correction-send"
              onClick={() =>
                void send('/registry/corrections', { message: correction.trim() }, t('correctionSent')).then(
                  (ok) => ok && setCorrection(''),
                )
              }
            >
              {t('submit')}
            </Button>
          </Card>
        </div>
      ) : me.binding?.status === 'pending' ? (
        <Result status="waiting" title={t('bindPending')} />
      ) : (
        <div style={{ padding: 12 }}>
          <Card title={t('inviteCode')}>
            <div style={{ color: '#666', marginBottom: 8 }}>
              {me.binding?.status === 'rejected' ? t('bindRejected') : t('notBoundHint')}
            </div>
            <Input
              value={code}
              onChange={(v) => setCode(v.toUpperCase())}
              placeholder={t('inviteCodeHint')}
              maxLength={12}
              data-testid="m-invite-code"
              style={{
                border: '1px solid #ddd',
                borderRadius: 6,
                padding: '8px 10px',
                fontSize: 18,
                letterSpacing: 4,
              }}
            />
            <Button
              block
              color="primary"
              style={{ marginTop: 12 }}
              loading={busy}
              disabled={code.trim().length < 4}
              data-testid="m-join"
              onClick={() => void send('/registry/join', { code: code.trim() }, null)}
            >
              {t('joinHousehold')}
            </Button>
          </Card>
        </div>
      )}
    </div>
  );
}
