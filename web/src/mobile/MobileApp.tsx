import {
  ConfigProvider,
  ErrorBlock,
  Button as MButton,
  SafeArea,
  SpinLoading,
  TabBar,
  Toast,
} from 'antd-mobile';
import enUS from 'antd-mobile/es/locales/en-US';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import { AppOutline, MessageOutline, UserOutline } from 'antd-mobile-icons';
import { useEffect, useState } from 'react';
import { useInbox } from '../api/inbox';
import { useSession } from '../api/session';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/messages';
import { AskHeadPage } from './asks/AskHeadPage';
import { AskPage } from './asks/AskPage';
import { HeadInboxPage, useHeadUnread } from './asks/HeadInboxPage';
import { BottomBar } from './BottomBar';
import { CaseListPage } from './cases/CaseListPage';
import { CasePage } from './cases/CasePage';
import { ReportPage } from './cases/ReportPage';
import { EvaluationListPage } from './evaluations/EvaluationListPage';
import { MyScorecardPage } from './evaluations/MyScorecardPage';
import { ScoringPage } from './evaluations/ScoringPage';
import { EnvironmentPage } from './facilities/EnvironmentPage';
import { FacilityReportPage } from './facilities/FacilityReportPage';
import { HomePage } from './HomePage';
import { InboxPage } from './InboxPage';
import { BoardScreenPage } from './leaderboard/BoardScreenPage';
import { LeaderboardPage } from './leaderboard/LeaderboardPage';
import { MePage } from './MePage';
import { MobileLogin } from './MobileLogin';
import { HeadCharterPage, MyCharterPage } from './notices/CharterPage';
import { NoticeComposePage } from './notices/NoticeComposePage';
import { NoticeListPage } from './notices/NoticeListPage';
import { NoticePage } from './notices/NoticePage';
import { useMyNotices } from './notices/useMyNotices';
import { flushOutbox } from './outbox';
import { AwardPage } from './points/AwardPage';
import { PointsPage } from './points/PointsPage';
import { GridRegistryPage } from './registry/GridRegistryPage';
import { MyHouseholdPage } from './registry/MyHouseholdPage';
import { AssignmentPage } from './tasks/AssignmentPage';
import { TaskListPage } from './tasks/TaskListPage';

/** 小院家: the phone app for residents, grid workers, courtyard heads, cleaners and post staff on the go. */
export function MobileApp() {
  const { locale } = useI18n();
  // A village TV opens its board link, /mobile/?board=<token>: no sign-in, the token is the key.
  const board = new URLSearchParams(window.location.search).get('board');
  if (board) return <BoardScreenPage token={board} />;
  return (
    <ConfigProvider locale={locale === 'en' ? enUS : zhCN}>
      <div style={{ minHeight: '100vh', background: '#f5f5f5', maxWidth: 640, margin: '0 auto' }}>
        <Shell />
      </div>
    </ConfigProvider>
  );
}

/** News of an ask for its head (a new ask, the resident's word, a follow-up due); the rest is the resident's. */
const ASK_NEWS_FOR_HEAD = new Set(['ask_ask', 'ask_confirm', 'ask_reopen', 'ask_close', 'ask_follow_up']);

type ListScreen = { name: 'list'; title: string; scope: 'mine' | 'all' | 'post' };
type Screen =
  | { name: 'tabs' }
  | { name: 'environment' }
  | { name: 'report' }
  | { name: 'household' }
  | { name: 'registry' }
  | ListScreen
  | { name: 'case'; id: string; from?: ListScreen }
  | { name: 'facility'; code: string }
  | AskBox
  | { name: 'ask'; id: string; from: AskBox }
  | { name: 'notices' }
  | { name: 'composeNotice' }
  | { name: 'notice'; id: string }
  | { name: 'charter' }
  | { name: 'leaderboard' }
  | { name: 'evaluations' }
  | { name: 'evalRound'; id: string }
  | { name: 'scorecard' }
  | { name: 'tasks' }
  | { name: 'assignment'; id: string }
  | { name: 'points' | 'award' };
type AskBox = { name: 'askHead' | 'headInbox' };

/** A scanned QR label lands here as /mobile/?facility=<code>; it survives signing in, as state. */
function firstScreen(): Screen {
  const code = new URLSearchParams(window.location.search).get('facility');
  return code ? { name: 'facility', code } : { name: 'tabs' };
}

function Shell() {
  const { t, locale } = useI18n();
  const { me, error, reload, login, logout } = useSession();
  const [tab, setTab] = useState<'home' | 'inbox' | 'me'>('home');
  const inbox = useInbox(!!me);
  const [screen, setScreen] = useState<Screen>(firstScreen);
  const headUnread = useHeadUnread(
    !!me?.grants.some((g) => g.role === 'courtyard_head') && screen.name === 'tabs',
  );
  const notices = useMyNotices(!!me);

  useEffect(() => {
    if (!me) return;
    const flush = () =>
      void flushOutbox().then(({ sent, refused }) => {
        if (sent) Toast.show({ content: t('reportSent') });
        for (const e of refused) Toast.show({ content: e.messageIn(locale) });
      });
    flush();
    window.addEventListener('online', flush);
    return () => window.removeEventListener('online', flush);
  }, [me, t, locale]);

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
  const back = () => setScreen({ name: 'tabs' });
  const openTile = (tile: MessageKey) => {
    if (tile === 'report' || tile === 'snapReport') return setScreen({ name: 'report' });
    if (tile === 'myHousehold') return setScreen({ name: 'household' });
    if (tile === 'registry') return setScreen({ name: 'registry' });
    if (tile === 'askHead' || tile === 'headInbox') return setScreen({ name: tile });
    if (tile === 'myReports') return setScreen({ name: 'list', title: t(tile), scope: 'mine' });
    if (['myGrid', 'myCases', 'pickups'].includes(tile)) {
      const scope = me.grants.some((g) => g.role === 'post_staff') && tile === 'myCases' ? 'post' : 'all';
      return setScreen({ name: 'list', title: t(tile), scope });
    }
    if (tile === 'notices') {
      void notices.reload();
      return setScreen({ name: 'notices' });
    }
    if (tile === 'charter') return setScreen({ name: 'charter' });
    if (tile === 'leaderboard') return setScreen({ name: 'leaderboard' });
    if (tile === 'tasks') return setScreen({ name: 'tasks' });
    if (tile === 'points' || tile === 'award') return setScreen({ name: tile });
    if (tile === 'environment') return setScreen({ name: 'environment' });
    if (tile === 'evaluate') return setScreen({ name: 'evaluations' });
    if (tile === 'scorecard') return setScreen({ name: 'scorecard' });
  };
  const committee = me.grants.find((g) => g.role === 'courtyard_head' || g.role === 'grid_worker');
  if (screen.name === 'evaluations' && committee)
    return (
      <EvaluationListPage
        unitId={committee.unitId}
        onBack={back}
        onOpen={(id) => setScreen({ name: 'evalRound', id })}
      />
    );
  if (screen.name === 'evalRound')
    return <ScoringPage roundId={screen.id} onBack={() => setScreen({ name: 'evaluations' })} />;
  if (screen.name === 'scorecard') return <MyScorecardPage onBack={back} />;
  if (screen.name === 'household') return <MyHouseholdPage onBack={back} />;
  if (screen.name === 'leaderboard') return <LeaderboardPage onBack={back} />;
  if (screen.name === 'tasks')
    return <TaskListPage onBack={back} onOpen={(id) => setScreen({ name: 'assignment', id })} />;
  if (screen.name === 'assignment')
    return <AssignmentPage id={screen.id} onBack={() => setScreen({ name: 'tasks' })} />;
  if (screen.name === 'points') return <PointsPage onBack={back} />;
  if (screen.name === 'award') return <AwardPage me={me} onBack={back} />;
  if (screen.name === 'registry') return <GridRegistryPage me={me} onBack={back} />;
  if (screen.name === 'facility') {
    // Leaving the scanned page drops the code from the address, so a reload does not reopen it.
    const leave = (next: Screen) => {
      window.history.replaceState(null, '', '/mobile/');
      setScreen(next);
    };
    return (
      <FacilityReportPage
        code={screen.code}
        onBack={() => leave({ name: 'tabs' })}
        onOpenCase={(id) => leave({ name: 'case', id })}
      />
    );
  }
  if (screen.name === 'environment') {
    return (
      <EnvironmentPage
        onBack={back}
        onOpenFacility={(code) => setScreen({ name: 'facility', code })}
        onReport={() => setScreen({ name: 'report' })}
      />
    );
  }
  if (screen.name === 'report') {
    return (
      <ReportPage
        me={me}
        onBack={back}
        onSent={(d) => setScreen(d ? { name: 'case', id: d.id } : { name: 'tabs' })}
      />
    );
  }
  if (screen.name === 'list') {
    return (
      <CaseListPage
        title={screen.title}
        scope={screen.scope}
        onBack={back}
        onOpen={(id) => setScreen({ name: 'case', id, from: screen })}
      />
    );
  }
  if (screen.name === 'askHead' || screen.name === 'headInbox') {
    const Box = screen.name === 'askHead' ? AskHeadPage : HeadInboxPage;
    return <Box onBack={back} onOpen={(id) => setScreen({ name: 'ask', id, from: screen })} />;
  }
  if (screen.name === 'ask') {
    return (
      <AskPage
        askId={screen.id}
        onBack={() => setScreen(screen.from)}
        onOpenCase={(id) => setScreen({ name: 'case', id })}
      />
    );
  }
  if (screen.name === 'case')
    return <CasePage caseId={screen.id} onBack={() => setScreen(screen.from ?? { name: 'tabs' })} />;
  const headOf = me.grants.find((g) => g.role === 'courtyard_head');
  if (screen.name === 'notices')
    return (
      <NoticeListPage
        items={notices.items}
        onBack={back}
        onOpen={(id) => setScreen({ name: 'notice', id })}
        onRefresh={notices.reload}
        onCompose={headOf ? () => setScreen({ name: 'composeNotice' }) : undefined}
      />
    );
  if (screen.name === 'composeNotice' && headOf)
    return (
      <NoticeComposePage
        courtyard={{ id: headOf.unitId, name: headOf.unitTrail[headOf.unitTrail.length - 1] ?? '' }}
        onBack={() => setScreen({ name: 'notices' })}
        onSent={() => {
          void notices.reload();
          setScreen({ name: 'notices' });
        }}
      />
    );
  if (screen.name === 'notice')
    return (
      <NoticePage id={screen.id} onBack={() => setScreen({ name: 'notices' })} onRead={notices.reload} />
    );
  if (screen.name === 'charter') {
    return headOf ? (
      <HeadCharterPage courtyardId={headOf.unitId} onBack={back} />
    ) : (
      <MyCharterPage onBack={back} />
    );
  }

  return (
    <div style={{ display: 'flex', flexDirection: 'column', minHeight: '100vh' }}>
      <div style={{ flex: 1, paddingBottom: 56 }}>
        {tab === 'home' && (
          <HomePage me={me} onOpen={openTile} badges={{ headInbox: headUnread, notices: notices.unread }} />
        )}
        {tab === 'inbox' && (
          <InboxPage
            items={inbox.items}
            onReadAll={() => void inbox.markRead()}
            onOpen={(n) => {
              if (!n.read) void inbox.markRead([n.id]);
              if (n.caseId) setScreen({ name: 'case', id: n.caseId });
              else if (n.kind.startsWith('task_')) setScreen({ name: 'tasks' });
              else if (n.kind.startsWith('ask_'))
                setScreen({ name: ASK_NEWS_FOR_HEAD.has(n.kind) ? 'headInbox' : 'askHead' });
            }}
          />
        )}
        {tab === 'me' && <MePage me={me} onLogout={logout} />}
      </div>
      <BottomBar>
        <TabBar activeKey={tab} onChange={(k) => setTab(k as 'home' | 'inbox' | 'me')}>
          <TabBar.Item key="home" icon={<AppOutline />} title={t('home')} />
          <TabBar.Item
            key="inbox"
            icon={<MessageOutline />}
            title={t('inbox')}
            badge={inbox.unread || undefined}
          />
          <TabBar.Item key="me" icon={<UserOutline />} title={t('me')} />
        </TabBar>
        <SafeArea position="bottom" />
      </BottomBar>
    </div>
  );
}
