import type { AskList as AskListData } from '@domain/asks/schemas';
import { NavBar, PullToRefresh, Toast } from 'antd-mobile';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, get } from '../../api/client';
import { useI18n } from '../../i18n';
import { AskList } from './AskList';

/** 院长信箱: the asks of the courtyards this person heads, the unread ones marked. */
export function HeadInboxPage({ onBack, onOpen }: { onBack(): void; onOpen(id: string): void }) {
  const { t, locale } = useI18n();
  const [list, setList] = useState<AskListData>({ items: [], unreadCount: 0 });
  const load = useCallback(async () => {
    try {
      setList(await get<AskListData>('/asks?box=courtyard'));
    } catch (e) {
      Toast.show({ content: e instanceof ApiError ? e.messageIn(locale) : String(e) });
    }
  }, [locale]);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <div>
      <NavBar onBack={onBack}>
        {t('headInbox')}
        {list.unreadCount ? ` (${list.unreadCount})` : ''}
      </NavBar>
      <PullToRefresh onRefresh={load}>
        <AskList items={list.items} showResident onOpen={onOpen} />
      </PullToRefresh>
    </div>
  );
}

/** How many asks wait unread for this head: the badge on the home tile. */
export function useHeadUnread(isHead: boolean): number {
  const [n, setN] = useState(0);
  useEffect(() => {
    if (!isHead) return;
    get<AskListData>('/asks?box=courtyard&limit=1')
      .then((l) => setN(l.unreadCount))
      .catch(() => setN(0));
  }, [isHead]);
  return n;
}
