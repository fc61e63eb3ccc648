import { useEffect, useRef } from 'react';

export interface CaseFeedEvent {
  caseId: string;
  action: string;
  status: string;
  overdueLevel: number;
}

/**
 * Listens to the town's live case feed (server-sent events). The browser's EventSource reconnects
 * by itself after a drop; on every (re)connect the page reloads what it shows, so nothing missed
 * while the line was down stays missing.
 */
export function useCaseFeed(
  unitId: string | undefined,
  onEvent: (e: CaseFeedEvent) => void,
  onReconnect: () => void,
) {
  const handlers = useRef({ onEvent, onReconnect });
  handlers.current = { onEvent, onReconnect };
  useEffect(() => {
    if (!unitId) return;
    const source = new EventSource(`/api/v1/cases/feed?unitId=${unitId}`);
    let opened = false;
    source.onopen = () => {
      if (opened) handlers.current.onReconnect();
      opened = true;
    };
    source.onmessage = (message) => {
      const { event } = JSON.parse(message.data) as { event: CaseFeedEvent };
      handlers.current.onEvent(event);
    };
    return () => source.close();
  }, [unitId]);
}
