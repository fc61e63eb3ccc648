import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  ContactsOutlined,
  EnvironmentOutlined,
  FileTextOutlined,
  FlagOutlined,
  GiftOutlined,
  ScheduleOutlined,
  SoundOutlined,
  TeamOutlined,
  UnorderedListOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { CONSOLE_ROLES, ROLE_LABELS } from '@domain/auth/roles';
import { App as AntApp, Button, ConfigProvider, Layout, Menu, Result, Space, Spin, Typography } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense, useState } from 'react';
import { useSession } from '../api/session';
import { useI18n } from '../i18n';
import { InboxButton } from './InboxButton';
import { LoginPage } from './LoginPage';

const CasesPage = lazy(() => import('./cases/CasesPage'));
const MattersPage = lazy(() => import('./matters/MattersPage'));
const OrgPage = lazy(() => import('./org/OrgPage'));
const UsersPage = lazy(() => import('./users/UsersPage'));
const AccountPage = lazy(() => import('./account/AccountPage'));
const RegistryPage = lazy(() => import('./registry/RegistryPage'));
const FacilitiesPage = lazy(() => import('./facilities/FacilitiesPage'));
const NoticesPage = lazy(() => import('./notices/NoticesPage'));
const LeaderboardPage = lazy(() => import('./leaderboard/LeaderboardPage'));
const EvaluationsPage = lazy(() => import('./evaluations/EvaluationsPage'));
const TasksPage = lazy(() => import('./tasks/TasksPage'));
const SupervisionPage = lazy(() => import('./supervision/SupervisionPage'));
const ReportsPage = lazy(() => import('./reports/ReportsPage'));
const CalendarPage = lazy(() => import('./calendar/CalendarPage'));
const StorePage = lazy(() => import('./store/StorePage'));

type PageKey =
  | 'cases'
  | 'matters'
  | 'org'
  | 'users'
  | 'registry'
  | 'facilities'
  | 'notices'
  | 'leaderboard'
  | 'evaluations'
  | 'tasks'
  | 'supervision'
  | 'reports'
  | 'calendar'
  | 'store'
  | 'account';

export function ConsoleApp() {
  const { locale } = useI18n();
  return (
    <ConfigProvider
      locale={locale === 'en' ? enUS : zhCN}
      theme={{ token: { colorPrimary: '#c8102e', colorLink: '#c8102e' } }}
    >
      <AntApp>
        <Console />
      </AntApp>
    </ConfigProvider>
  );
}

function Console() {
  const { t, locale, setLocale, pick } = useI18n();
  const { me, error, reload, login, logout } = useSession();
  const [page, setPage] = useState<PageKey>('cases');

  if (me === undefined) {
    return error ? (
      <Result
        status="warning"
        title={error.messageIn(locale)}
        extra={<Button onClick={() => void reload()}>{t('retry')}</Button>}
      />
    ) : (
      <Spin fullscreen />
    );
  }
  if (me === null) return <LoginPage title={t('appConsole')} onLogin={login} />;

  const roles = new Set(me.grants.map((g) => g.role));
  const isConsoleUser = me.grants.some((g) => CONSOLE_ROLES.includes(g.role));
  const managesPeople = ['admin', 'district_supervisor', 'center_operator'].some((r) =>
    roles.has(r as never),
  );
  const editsMatters = roles.has('center_operator') || roles.has('admin');
  const publishesNotices = ['admin', 'center_operator', 'post_staff'].some((r) => roles.has(r as never));
  // The store's keepers and those who read households' points; post staff have no part in points.
  const seesPoints = ['admin', 'district_supervisor', 'center_operator'].some((r) => roles.has(r as never));
  const items = [
    ...(isConsoleUser ? [{ key: 'cases', icon: <AlertOutlined />, label: t('cases') }] : []),
    ...(editsMatters ? [{ key: 'matters', icon: <UnorderedListOutlined />, label: t('matters') }] : []),
    ...(isConsoleUser ? [{ key: 'org', icon: <ApartmentOutlined />, label: t('orgTree') }] : []),
    ...(managesPeople ? [{ key: 'users', icon: <TeamOutlined />, label: t('users') }] : []),
    ...(isConsoleUser ? [{ key: 'registry', icon: <ContactsOutlined />, label: t('registry') }] : []),
    ...(managesPeople ? [{ key: 'facilities', icon: <EnvironmentOutlined />, label: t('facilities') }] : []),
    ...(publishesNotices ? [{ key: 'notices', icon: <SoundOutlined />, label: t('notices') }] : []),
    ...(isConsoleUser ? [{ key: 'leaderboard', icon: <BarChartOutlined />, label: t('leaderboard') }] : []),
    ...(managesPeople ? [{ key: 'evaluations', icon: <AuditOutlined />, label: t('evaluations') }] : []),
    ...(managesPeople ? [{ key: 'tasks', icon: <ScheduleOutlined />, label: t('taskLists') }] : []),
    ...(managesPeople ? [{ key: 'supervision', icon: <FlagOutlined />, label: t('supervision') }] : []),
    ...(managesPeople ? [{ key: 'reports', icon: <FileTextOutlined />, label: t('reports') }] : []),
    ...(roles.has('admin') ? [{ key: 'calendar', icon: <CalendarOutlined />, label: t('calendar') }] : []),
    ...(seesPoints ? [{ key: 'store', icon: <GiftOutlined />, label: t('pointsStore') }] : []),
    { key: 'account', icon: <UserOutlined />, label: t('account') },
  ];
  const current: PageKey = isConsoleUser || page === 'account' ? page : 'account';

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {/* Wraps onto a second line rather than run off a 360 px screen. */}
      <Layout.Header
        style={{
          display: 'flex',
          flexWrap: 'wrap',
          alignItems: 'center',
          columnGap: 16,
          rowGap: 4,
          height: 'auto',
          minHeight: 64,
          lineHeight: 'normal',
          padding: '8px 24px',
          background: '#c8102e',
        }}
        data-testid="console-header"
      >
        <Typography.Title level={4} style={{ color: '#fff', margin: 0, flex: '1 1 auto' }}>
          {t('appConsole')}
        </Typography.Title>
        <Space wrap size={[8, 4]}>
          <Typography.Text
            ellipsis
            style={{ color: '#fff', maxWidth: 'min(70vw, 520px)' }}
            data-testid="current-user"
          >
            {me.name} · {me.grants.map((g) => pick(ROLE_LABELS[g.role])).join('、')}
          </Typography.Text>
          <InboxButton />
          {managesPeople && (
            <Button size="small" href="/screen/" target="_blank" data-testid="open-wall-screen">
              {t('wallScreen')}
            </Button>
          )}
          <Button size="small" onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')}>
            {t('language')}
          </Button>
          <Button size="small" onClick={() => void logout()}>
            {t('logout')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={200} theme="light" breakpoint="lg" collapsedWidth={0}>
          <Menu
            mode="inline"
            selectedKeys={[current]}
            items={items}
            onClick={(e) => setPage(e.key as PageKey)}
          />
        </Layout.Sider>
        <Layout.Content style={{ padding: 24 }}>
          {!isConsoleUser && current === 'account' && (
            <Result
              status="info"
              title={t('useMobile')}
              extra={
                <Button type="primary" href="/mobile/">
                  {t('openMobile')}
                </Button>
              }
            />
          )}
          <Suspense fallback={<Spin />}>
            {current === 'cases' && <CasesPage me={me} />}
            {current === 'matters' && <MattersPage me={me} />}
            {current === 'org' && <OrgPage />}
            {current === 'users' && <UsersPage />}
            {current === 'registry' && <RegistryPage me={me} />}
            {current === 'notices' && <NoticesPage me={me} />}
            {current === 'leaderboard' && <LeaderboardPage me={me} />}
            {current === 'evaluations' && <EvaluationsPage me={me} />}
            {current === 'account' && <AccountPage me={me} onLogout={logout} />}
            {current === 'facilities' && <FacilitiesPage me={me} />}
            {current === 'tasks' && <TasksPage me={me} />}
            {current === 'supervision' && <SupervisionPage me={me} />}
            {current === 'reports' && <ReportsPage me={me} />}
            {current === 'calendar' && <CalendarPage />}
            {current === 'store' && <StorePage me={me} />}
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
