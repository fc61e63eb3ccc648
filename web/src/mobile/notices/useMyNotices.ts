import type { NoticeView } from '@domain/notices/schemas';
import { useCallback, useEffect, useState } from 'react';
import { get } from '../../api/client';

/** The notices that reach me and how many I have not opened, for the list and the home tile's badge. */
export function useMyNotices(enabled: boolean) {
  const [items, setItems] = useState<NoticeView[]>([]);
  const [unread, setUnread] = useState(0);
  const reload = useCallback(async () => {
    try {
      const page = await get<{ items: NoticeView[]; unread: number }>('/notices/mine');
      setItems(page.items);
      setUnread(page.unread);
    } catch {
      // On a weak signal the list keeps what it had; opening the list again retries.
    }
  }, []);
  useEffect(() => {
    if (enabled) void reload();
  }, [enabled, reload]);
  return { items, unread, reload };
}
