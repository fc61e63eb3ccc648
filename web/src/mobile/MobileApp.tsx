import { ConfigProvider, ErrorBlock, Button as MButton, SafeArea, SpinLoading, TabBar } from 'antd-mobile';
import enUS from 'antd-mobile/es/locales/en-US';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import { AppOutline, UserOutline } from 'antd-mobile-icons';
import { useState } from 'react';
import { useSession } from '../api/session';
import { useI18n } from '../i18n';
import { ComingSoon } from './ComingSoon';
import { HomePage } from './HomePage';
import { MePage } from './MePage';
import { MobileLogin } from './MobileLogin';

/** 小院家: the phone app for residents, grid workers, courtyard heads, cleaners and post staff on the go. */
export function MobileApp() {
  const { locale } = useI18n();
  return (
    <ConfigProvider locale={locale === 'en' ? enUS : zhCN}>
      <div style={{ minHeight: '100vh', background: '#f5f5f5', maxWidth: 640, margin: '0 auto' }}>
        <Shell />
      </div>
    </ConfigProvider>
  );
}

function Shell() {
  const { t, locale } = useI18n();
  const { me, error, reload, login, logout } = useSession();
  const [tab, setTab] = useState<'home' | 'me'>('home');
  const [feature, setFeature] = useState<string | null>(null);

  if (me === undefined) {
    return error ? (
      <ErrorBlock status="disconnected" title={error.messageIn(locale)} description="">
        <MButton color="primary" onClick={() => void reload()}>
          {t('retry')}
        </MButton>
      </ErrorBlock>
    ) : (
      <div style={{ display: 'flex', justifyContent: 'center', paddingTop: '40vh' }}>
        <SpinLoading color="primary" />
      </div>
    );
  }
  if (me === null) return <MobileLogin onLogin={login} />;
  if (feature) return <ComingSoon title={feature} onBack={() => setFeature(null)} />;

  return (
    <div style={{ display: 'flex', flexDirection: 'column', minHeight: '100vh' }}>
      <div style={{ flex: 1, paddingBottom: 56 }}>
        {tab === 'home' ? <HomePage me={me} onOpen={setFeature} /> : <MePage me={me} onLogout={logout} />}
      </div>
      <div
        style={{
          position: 'fixed',
          bottom: 0,
          left: 0,
          right: 0,
          maxWidth: 640,
          margin: '0 auto',
          background: '#fff',
          borderTop: '1px solid #eee',
        }}
      >
        <TabBar activeKey={tab} onChange={(k) => setTab(k as 'home' | 'me')}>
          <TabBar.Item key="home" icon={<AppOutline />} title={t('home')} />
          <TabBar.Item key="me" icon={<UserOutline />} title={t('me')} />
        </TabBar>
        <SafeArea position="bottom" />
      </div>
    </div>
  );
}
