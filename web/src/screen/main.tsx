import { createRoot } from 'react-dom/client';
import { I18nProvider } from '../i18n';
import { ScreenApp } from './ScreenApp';
import './screen.css';

createRoot(document.getElementById('root') as HTMLElement).render(
  <I18nProvider>
    <ScreenApp />
  </I18nProvider>,
);
