import type { Me } from '@domain/auth/schemas';
import { POINT_KEEPERS } from '@domain/points/policy';
import { STORE_KEEPERS } from '@domain/store/policy';
import { Tabs } from 'antd';
import { useI18n } from '../../i18n';
import { ItemsPanel } from './ItemsPanel';
import { LedgerPanel } from './LedgerPanel';
import { RedemptionsPanel } from './RedemptionsPanel';
import { RulesPanel } from './RulesPanel';

/**
 * 积分超市 in the console: a village's goods, the redemptions waiting for hand-over, the point rules
 * of the town and its villages, and a household's ledger with reversals. The tabs follow what the
 * person's roles may do; the server decides each action all the same.
 */
export default function StorePage({ me }: { me: Me }) {
  const { t } = useI18n();
  const roles = me.grants.map((g) => g.role);
  const keepsStore = roles.some((r) => STORE_KEEPERS.includes(r));
  const keepsPoints = roles.some((r) => POINT_KEEPERS.includes(r));
  const home = me.grants[0]?.unitId;
  return (
    <Tabs
      destroyOnHidden
      items={[
        ...(keepsStore
          ? [
              {
                key: 'redemptions',
                label: t('redemptions'),
                children: <RedemptionsPanel homeUnitId={home} />,
              },
              { key: 'items', label: t('items'), children: <ItemsPanel /> },
            ]
          : []),
        {
          key: 'rules',
          label: t('pointRules'),
          children: <RulesPanel homeUnitId={home} canEdit={keepsPoints} />,
        },
        {
          key: 'ledger',
          label: t('householdLedger'),
          children: <LedgerPanel canReverse={keepsPoints} />,
        },
      ]}
    />
  );
}
