import { useCallback, useEffect, useState } from 'react';
import { get, post } from './client';

export interface InboxItem {
  id: string;
  caseId: string | null;
  kind: string;
  title: { zh: string; en: string };
  read: boolean;
  createdAt: string;
}

/** The in-app inbox both apps show: newest messages and the unread count, polled while the page is open. */
export function useInbox(enabled: boolean, pollMs = 30_000) {
  const [items, setItems] = useState<InboxItem[]>([]);
  const [unread, setUnread] = useState(0);
  const reload = useCallback(async () => {
    try {
      const page = await get<{ items: InboxItem[]; unreadCount: number }>('/inbox?limit=30');
      setItems(page.items);
      setUnread(page.unreadCount);
    } catch {
      // A missed poll on a weak signal is simply tried again at the next one.
    }
  }, []);
  useEffect(() => {
    if (!enabled) return;
    void reload();
    const timer = setInterval(() => void reload(), pollMs);
    return () => clearInterval(timer);
  }, [reload, pollMs, enabled]);
  const markRead = useCallback(
    async (ids?: string[]) => {
      await post('/inbox/read', ids ? { ids } : { all: true });
      await reload();
    },
    [reload],
  );
  return { items, unread, reload, markRead };
}
