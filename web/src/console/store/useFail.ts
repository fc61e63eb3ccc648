import { App } from 'antd';
import { useCallback } from 'react';
import { ApiError } from '../../api/client';
import { useI18n } from '../../i18n';

/** An API refusal shown in the reader's language, as every panel of the store page shows it. */
export function useFail() {
  const { message } = App.useApp();
  const { locale } = useI18n();
  return useCallback(
    (e: unknown) => void message.error(e instanceof ApiError ? e.messageIn(locale) : String(e)),
    [message, locale],
  );
}
