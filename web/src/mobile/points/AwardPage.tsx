import type { Me } from '@domain/auth/schemas';
import { awardableRules } from '@domain/points/rules';
import type { HouseholdPoints, PointRuleView } from '@domain/points/schemas';
import type { HouseholdSummary } from '@domain/registry/schemas';
import {
  Button,
  ErrorBlock,
  Form,
  ImageUploader,
  List,
  NavBar,
  Result,
  SearchBar,
  Selector,
  TextArea,
  Toast,
} from 'antd-mobile';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { uuidv7 } from 'uuidv7';
import { ApiError, get, post } from '../../api/client';
import { useI18n } from '../../i18n';
import { allHouseholds } from '../../registry/api';
import { usePhotoUploads } from '../cases/usePhotoUploads';

/**
 * 发放积分 on the phone: a grid worker or courtyard head picks a household of their area, then a rule
 * they may award by hand, writes the reason and adds a photo where the rule asks for one.
 */
export function AwardPage({ me, onBack }: { me: Me; onBack(): void }) {
  const { t, locale } = useI18n();
  const home = me.grants.find((g) => g.role === 'grid_worker' || g.role === 'courtyard_head');
  const [rows, setRows] = useState<HouseholdSummary[] | null>(null);
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<HouseholdSummary | null>(null);
  const fail = useCallback(
    (e: unknown) => Toast.show({ content: e instanceof ApiError ? e.messageIn(locale) : String(e) }),
    [locale],
  );
  useEffect(() => {
    if (home) void allHouseholds(home.unitId).then(setRows).catch(fail);
  }, [home, fail]);

  if (chosen) return <AwardForm me={me} household={chosen} onBack={() => setChosen(null)} />;
  const q = query.trim();
  const shown = (rows ?? []).filter(
    (h) => !q || h.address.includes(q) || h.headName?.includes(q) || h.courtyard.name.includes(q),
  );
  return (
    <div style={{ paddingBottom: 24 }}>
      <NavBar onBack={onBack}>{t('award')}</NavBar>
      <div style={{ padding: 12 }}>
        <SearchBar
          placeholder={t('searchHousehold')}
          value={query}
          onChange={setQuery}
          data-testid="m-award-search"
        />
      </div>
      {rows && shown.length === 0 ? (
        <ErrorBlock status="empty" title={t('noHouseholds')} description="" />
      ) : (
        <List header={t('chooseHousehold')}>
          {shown.map((h) => (
            <List.Item
              key={h.id}
              arrowIcon
              onClick={() => setChosen(h)}
              description={h.courtyard.name}
              data-testid={`m-award-household-${h.id}`}
            >
              {h.address}
              {h.headName ? ` · ${h.headName}` : ''}
            </List.Item>
          ))}
        </List>
      )}
    </div>
  );
}

function AwardForm({ me, household, onBack }: { me: Me; household: HouseholdSummary; onBack(): void }) {
  const { t, locale } = useI18n();
  const [rules, setRules] = useState<PointRuleView[] | null>(null);
  const [code, setCode] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  // Minted when the form opens: a retry after a lost answer is the same award, never a second one.
  const [id, setId] = useState(uuidv7);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ points: number; balance: number } | null>(null);
  const { photos, setPhotos, upload, uploading, photoIds } = usePhotoUploads();

  useEffect(() => {
    void get<PointRuleView[]>(`/points/rules?unitId=${household.courtyard.id}`)
      .then(setRules)
      .catch((e: unknown) =>
        Toast.show({ content: e instanceof ApiError ? e.messageIn(locale) : String(e) }),
      );
  }, [household.courtyard.id, locale]);
  const offered = useMemo(
    () =>
      awardableRules(
        rules ?? [],
        me.grants.map((g) => g.role),
        new Date(),
      ),
    [rules, me],
  );
  const rule = offered.find((r) => r.actionCode === code) ?? null;
  const photoMissing = rule?.evidence === 'photo' && photoIds.length === 0;

  const submit = async () => {
    if (!rule) return;
    setBusy(true);
    try {
      const result = await post<HouseholdPoints>('/points/awards', {
        id,
        householdId: household.id,
        actionCode: rule.actionCode,
        reason: reason.trim(),
        ...(photoIds[0] ? { photoId: photoIds[0] } : {}),
      });
      setDone({ points: rule.points, balance: result.balance });
    } catch (e) {
      // A refusal is final for this id; a lost connection keeps it, so the retry is the same award.
      if (!(e instanceof ApiError && e.status === 0)) setId(uuidv7());
      Toast.show({ content: e instanceof ApiError ? e.messageIn(locale) : String(e) });
    } finally {
      setBusy(false);
    }
  };

  const title = `${household.address}${household.headName ? ` · ${household.headName}` : ''}`;
  if (done)
    return (
      <div>
        <NavBar onBack={onBack}>{t('award')}</NavBar>
        <Result
          status="success"
          title={
            <span data-testid="m-award-done">
              {t('awardDone', {
                household: title,
                points: done.points > 0 ? `+${done.points}` : String(done.points),
                balance: done.balance,
              })}
            </span>
          }
        />
        <div style={{ padding: 12 }}>
          <Button block color="primary" onClick={onBack} data-testid="m-award-another">
            {t('awardAnother')}
          </Button>
        </div>
      </div>
    );
  return (
    <div style={{ paddingBottom: 24 }}>
      <NavBar onBack={onBack}>{title}</NavBar>
      {rules && offered.length === 0 ? (
        <ErrorBlock status="empty" title={t('noAwardableRules')} description="" />
      ) : (
        <Form
          layout="vertical"
          footer={
            <Button
              block
              color="primary"
              size="large"
              loading={busy}
              disabled={!rule || !reason.trim() || uploading || photoMissing}
              onClick={() => void submit()}
              data-testid="m-award-submit"
            >
              {t('awardSubmit')}
            </Button>
          }
        >
          <Form.Item label={t('chooseRule')}>
            <Selector
              columns={1}
              value={code ? [code] : []}
              onChange={(v) => setCode(v[0] ?? null)}
              options={offered.map((r) => ({
                value: r.actionCode,
                label: `${r.name}  ${r.points > 0 ? `+${r.points}` : r.points}`,
              }))}
              data-testid="m-award-rules"
            />
          </Form.Item>
          <Form.Item label={t('awardReason')}>
            <TextArea
              value={reason}
              onChange={setReason}
              rows={3}
              maxLength={500}
              placeholder={t('awardReasonHelp')}
              data-testid="m-award-reason"
            />
          </Form.Item>
          {rule && (
            <Form.Item label={t(rule.evidence === 'photo' ? 'awardPhotoRequired' : 'awardPhotoOptional')}>
              <ImageUploader
                value={photos}
                onChange={setPhotos}
                maxCount={1}
                accept="image/*"
                capture="environment"
                upload={upload}
              />
            </Form.Item>
          )}
        </Form>
      )}
    </div>
  );
}
