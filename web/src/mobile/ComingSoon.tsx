import { NavBar, Result } from 'antd-mobile';
import { useI18n } from '../i18n';

/** Features announced on the home screen before they are built say so plainly. */
export function ComingSoon({ title, onBack }: { title: string; onBack(): void }) {
  const { t } = useI18n();
  return (
    <div>
      <NavBar onBack={onBack} backIcon>
        {title}
      </NavBar>
      <Result status="waiting" title={t('comingSoon')} description={t('comingSoonText')} />
    </div>
  );
}
