import { createRoot } from 'react-dom/client';
import { I18nProvider } from '../i18n';
import { MobileApp } from './MobileApp';

createRoot(document.getElementById('root') as HTMLElement).render(
  <I18nProvider>
    <MobileApp />
  </I18nProvider>,
);
