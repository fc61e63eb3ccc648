import { unstableSetRender } from 'antd-mobile';
import { createRoot, type Root } from 'react-dom/client';
import { I18nProvider } from '../i18n';
import { MobileApp } from './MobileApp';

// antd-mobile 5 renders Dialog.show/alert/confirm and Toast.show with ReactDOM.render, which React 19
// removed: without this (its documented React 19 adapter) those calls render nothing at all.
const roots = new WeakMap<Element | DocumentFragment, Root>();
unstableSetRender((node, container) => {
  const root = roots.get(container) ?? createRoot(container);
  roots.set(container, root);
  root.render(node);
  return async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    root.unmount();
    roots.delete(container);
  };
});

createRoot(document.getElementById('root') as HTMLElement).render(
  <I18nProvider>
    <MobileApp />
  </I18nProvider>,
);
