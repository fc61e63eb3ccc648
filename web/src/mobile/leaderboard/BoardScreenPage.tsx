import type { BoardScreen, LeaderboardRow } from '@domain/leaderboard/schemas';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n';

/** A safety net under the event stream: a board re-reads at least this often, stream or not. */
const POLL_MS = 5 * 60_000;
/** Changes arriving together (a head scoring a courtyard) cost one re-read. */
const DEBOUNCE_MS = 800;
/** A TV runs for weeks: once a day, at night, the page reloads itself and starts clean. */
const RELOAD_HOUR = 4;

type State = { kind: 'loading' } | { kind: 'ok'; screen: BoardScreen } | { kind: 'gone' };

function msUntilNightlyReload(now = new Date()): number {
  const next = new Date(now);
  next.setHours(RELOAD_HOUR, 0, 0, 0);
  if (next <= now) next.setDate(next.getDate() + 1);
  return next.getTime() - now.getTime();
}

/**
 * The village TV (挂榜晾晒 on the wall): big type for a room, opened by a board link made in the console
 * (`/mobile/?board=<token>`), no sign-in. It listens to the village's points events over SSE and
 * re-reads on each; EventSource reconnects by itself after a server restart, and every (re)connection
 * re-reads, so nothing missed while away stays missed.
 */
export function BoardScreenPage({ token }: { token: string }) {
  const { t } = useI18n();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [online, setOnline] = useState(true);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    let stopped = false;
    let source: EventSource | null = null;
    const base = `/api/v1/leaderboard/screen/${encodeURIComponent(token)}`;
    const read = async () => {
      try {
        const res = await fetch(base, { cache: 'no-store' });
        if (stopped) return;
        if (res.status === 404 || res.status === 400) {
          setState({ kind: 'gone' });
          source?.close();
          return;
        }
        if (!res.ok) return; // keep showing the last board; the next event or poll tries again
        setState({ kind: 'ok', screen: (await res.json()) as BoardScreen });
      } catch {
        // offline: the stream's reconnect or the poll will read again
      }
    };
    const soon = () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void read(), DEBOUNCE_MS);
    };
    void read();
    source = new EventSource(`${base}/events`);
    source.onopen = () => {
      setOnline(true);
      void read();
    };
    source.onmessage = soon;
    source.onerror = () => setOnline(false);
    const poll = setInterval(() => void read(), POLL_MS);
    const nightly = setTimeout(() => window.location.reload(), msUntilNightlyReload());
    return () => {
      stopped = true;
      source?.close();
      clearInterval(poll);
      clearTimeout(nightly);
      if (timer.current) clearTimeout(timer.current);
    };
  }, [token]);

  if (state.kind === 'gone') {
    return (
      <div style={{ ...page, justifyContent: 'center', alignItems: 'center', textAlign: 'center' }}>
        <div style={{ fontSize: '3.2vw', maxWidth: '70vw' }} data-testid="board-gone">
          {t('lbScreenGone')}
        </div>
      </div>
    );
  }
  if (state.kind === 'loading') return <div style={page} />;
  const { screen } = state;
  const time = new Date(screen.updatedAt).toLocaleTimeString('zh-CN', {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Asia/Shanghai',
  });
  return (
    <div style={page} data-testid="board-screen">
      <header style={{ display: 'flex', alignItems: 'baseline', justifyContent: 'space-between' }}>
        <h1 style={{ fontSize: '3.6vw', margin: 0, letterSpacing: '0.1em' }}>
          {t('lbScreenTitle', { village: screen.village.name })}
        </h1>
        <div style={{ fontSize: '1.6vw', color: '#ffd591' }}>
          {screen.period.key} · {online ? t('lbScreenUpdated', { time }) : t('lbScreenOffline')}
        </div>
      </header>
      <div style={{ display: 'flex', gap: '3vw', flex: 1, minHeight: 0, marginTop: '2vh' }}>
        <Column title={t('lbScreenCourtyards')} testId="board-courtyards">
          {screen.courtyards.slice(0, 10).map((r) => (
            <Line key={r.id} row={r} figure={r.perHousehold ?? '–'} />
          ))}
        </Column>
        <Column title={t('lbScreenHouseholds')} testId="board-households">
          {screen.households.map((r) => (
            <Line key={r.id} row={r} figure={r.points} />
          ))}
        </Column>
      </div>
    </div>
  );
}

const page = {
  minHeight: '100vh',
  height: '100vh',
  boxSizing: 'border-box' as const,
  padding: '3vh 3vw',
  background: 'linear-gradient(180deg, #a8071a 0%, #5c0011 100%)',
  color: '#fff',
  display: 'flex',
  flexDirection: 'column' as const,
  overflow: 'hidden',
  fontFamily: '"PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif',
};

function Column({ title, testId, children }: { title: string; testId: string; children: React.ReactNode }) {
  return (
    <section style={{ flex: 1, display: 'flex', flexDirection: 'column', minWidth: 0 }} data-testid={testId}>
      <h2 style={{ fontSize: '2.4vw', margin: '0 0 1.5vh', color: '#ffd591' }}>{title}</h2>
      <ol
        style={{
          listStyle: 'none',
          margin: 0,
          padding: 0,
          display: 'flex',
          flexDirection: 'column',
          gap: '1vh',
        }}
      >
        {children}
      </ol>
    </section>
  );
}

const MEDALS = ['#fadb14', '#d9d9d9', '#d48806'];

function Line({ row, figure }: { row: LeaderboardRow; figure: number | string }) {
  const top = row.rank !== null && row.rank <= 3;
  return (
    <li
      data-testid={`board-row-${row.id}`}
      style={{
        display: 'flex',
        alignItems: 'center',
        gap: '1.2vw',
        fontSize: '2.3vw',
        lineHeight: 1.25,
        padding: '0.6vh 1vw',
        borderRadius: 8,
        background: top ? 'rgba(255,255,255,0.14)' : 'rgba(255,255,255,0.05)',
      }}
    >
      <span
        style={{
          width: '3.4vw',
          textAlign: 'center',
          fontWeight: 800,
          color: top ? MEDALS[(row.rank as number) - 1] : '#fff',
        }}
      >
        {row.rank ?? '–'}
      </span>
      <span style={{ flex: 1, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
        {row.label}
      </span>
      <span style={{ fontWeight: 800, color: '#ffd591' }}>{figure}</span>
    </li>
  );
}
