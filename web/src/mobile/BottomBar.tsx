import type { CSSProperties, ReactNode } from 'react';

const BAR: CSSProperties = {
  position: 'fixed',
  bottom: 0,
  left: 0,
  right: 0,
  maxWidth: 640,
  margin: '0 auto',
  background: '#fff',
  borderTop: '1px solid #eee',
};

/** Pinned to the bottom of the phone's screen, within the app's column: the tab bar, a case's actions. */
export function BottomBar({ children, style }: { children: ReactNode; style?: CSSProperties }) {
  return <div style={{ ...BAR, ...style }}>{children}</div>;
}
