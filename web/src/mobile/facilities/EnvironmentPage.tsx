import { FACILITY_KIND_INFO, type NearbyFacility } from '@domain/facilities/schemas';
import { Button, ErrorBlock, List, NavBar, SpinLoading, Tag } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { ApiError, get } from '../../api/client';
import { useI18n } from '../../i18n';

/**
 * 爱环境: the bins, lights and covers around the villager's courtyard, each one tap from a report, as
 * if its QR label had been scanned; anything else goes through the ordinary report form.
 */
export function EnvironmentPage({
  onBack,
  onOpenFacility,
  onReport,
}: {
  onBack(): void;
  onOpenFacility(code: string): void;
  onReport(): void;
}) {
  const { t, pick, locale } = useI18n();
  const [facilities, setFacilities] = useState<NearbyFacility[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    get<NearbyFacility[]>('/facilities/near-me')
      .then(setFacilities)
      .catch((e) => setError(e instanceof ApiError ? e.messageIn(locale) : String(e)));
  }, [locale]);

  return (
    <div>
      <NavBar onBack={onBack}>{t('environment')}</NavBar>
      <div style={{ padding: 12, color: '#666', lineHeight: 1.6 }}>{t('environmentHint')}</div>
      <div style={{ padding: '0 12px 12px' }}>
        <Button block color="primary" onClick={onReport} data-testid="m-env-other">
          {t('environmentOther')}
        </Button>
      </div>
      {error && <ErrorBlock status="disconnected" title={error} description="" />}
      {!facilities && !error && (
        <div style={{ display: 'flex', justifyContent: 'center', padding: 24 }}>
          <SpinLoading color="primary" />
        </div>
      )}
      {facilities && facilities.length === 0 && (
        <ErrorBlock status="empty" title={t('environmentNone')} description="" />
      )}
      {facilities && facilities.length > 0 && (
        <List header={t('environmentNearby')}>
          {facilities.map((f) => (
            <List.Item
              key={f.code}
              data-testid={`m-env-${f.code}`}
              onClick={() => onOpenFacility(f.code)}
              description={`${f.trail.slice(1).join(' · ')} · ${f.code}`}
              extra={
                <span style={{ display: 'flex', gap: 4 }}>
                  {f.mine && <Tag color="primary">{t('environmentMine')}</Tag>}
                  {f.open && <Tag color="warning">{t('facilityOpen')}</Tag>}
                </span>
              }
            >
              {pick(FACILITY_KIND_INFO[f.kind])} · {f.place}
            </List.Item>
          ))}
        </List>
      )}
    </div>
  );
}
