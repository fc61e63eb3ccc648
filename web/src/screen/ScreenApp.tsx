import type { Me } from '@domain/auth/schemas';
import { type FormEvent, useEffect, useState } from 'react';
import { ApiError } from '../api/client';
import { useSession } from '../api/session';
import { useI18n } from '../i18n';
import { WallScreen } from './WallScreen';

/** Who may put a unit on the wall: the same people who may read its live feed and its figures. */
const SCREEN_ROLES = ['center_operator', 'district_supervisor', 'admin'] as const;

/**
 * The unit the screen shows: `?unit=<id>` in the address (a district supervisor's screen showing one
 * town), else the unit of the viewer's first overseeing grant, the town for a center operator.
 */
export function screenUnitOf(me: Me, search: string): string | null {
  const asked = new URLSearchParams(search).get('unit');
  if (asked) return asked;
  for (const role of SCREEN_ROLES) {
    const grant = me.grants.find((g) => g.role === role);
    if (grant) return grant.unitId;
  }
  return null;
}

export function ScreenApp() {
  const { t } = useI18n();
  const { me, error, reload, login } = useSession();
  const [wasSignedIn, setWasSignedIn] = useState(false);
  useEffect(() => {
    if (me) setWasSignedIn(true);
  }, [me]);

  useEffect(() => {
    document.title = t('screenPageTitle');
  }, [t]);

  // The server could not be asked who we are (it is restarting): ask again until it answers.
  useEffect(() => {
    if (me !== undefined || !error) return;
    const timer = setTimeout(() => void reload(), 5_000);
    return () => clearTimeout(timer);
  }, [me, error, reload]);

  if (me === undefined) return <div className="ws-signin">{error ? t('screenReconnecting') : '…'}</div>;
  if (me === null) return <SignIn expired={wasSignedIn} onLogin={login} />;
  const unitId = screenUnitOf(me, window.location.search);
  if (!unitId || !me.grants.some((g) => (SCREEN_ROLES as readonly string[]).includes(g.role)))
    return (
      <div className="ws-signin" data-testid="screen-no-access">
        {t('screenNoAccess')}
      </div>
    );
  return <WallScreen key={unitId} unitId={unitId} />;
}

function SignIn({
  expired,
  onLogin,
}: {
  expired: boolean;
  onLogin(phone: string, password: string): Promise<void>;
}) {
  const { t, locale } = useI18n();
  const [phone, setPhone] = useState('');
  const [password, setPassword] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      await onLogin(phone.trim(), password);
    } catch (err) {
      setFailure(err instanceof ApiError ? err.messageIn(locale) : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="ws-signin" data-testid="screen-signin">
      <form onSubmit={(e) => void submit(e)}>
        <h1>{t('screenSignIn')}</h1>
        {expired && (
          <div className="ws-notice" data-testid="screen-expired">
            {t('screenExpired')}
          </div>
        )}
        <input
          aria-label={t('phone')}
          placeholder={t('phone')}
          inputMode="numeric"
          autoComplete="username"
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
          data-testid="screen-login-phone"
        />
        <input
          aria-label={t('password')}
          placeholder={t('password')}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          data-testid="screen-login-password"
        />
        {failure && <div className="ws-error">{failure}</div>}
        <button type="submit" disabled={busy} data-testid="screen-login-submit">
          {t('login')}
        </button>
      </form>
    </div>
  );
}
