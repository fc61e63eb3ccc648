import { createRoot } from 'react-dom/client';
import { I18nProvider } from '../i18n';
import { ConsoleApp } from './ConsoleApp';

createRoot(document.getElementById('root') as HTMLElement).render(
  <I18nProvider>
    <ConsoleApp />
  </I18nProvider>,
);
