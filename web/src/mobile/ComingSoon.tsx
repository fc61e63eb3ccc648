import { NavBar, Result } from 'antd-mobile';
import { useT } from '../i18n';

/** Features announced on the home screen before they are built say so plainly. */
export function ComingSoon({ title, onBack }: { title: string; onBack(): void }) {
  const t = useT();
  return (
    <div>
      <NavBar onBack={onBack} backIcon>
        {title}
      </NavBar>
      <Result status="waiting" title={t('comingSoon')} description={t('comingSoonText')} />
    </div>
  );
}
