import type { Role } from '@domain/auth/roles';
import { ROLE_LABELS } from '@domain/auth/roles';
import type { Me } from '@domain/auth/schemas';
import { Card, Grid, NavBar, Tag } from 'antd-mobile';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/messages';

/** What each role does first on the phone; the tiles of the home screen, in order. */
const TILES: Record<Role, MessageKey[]> = {
  grid_worker: ['report', 'myGrid', 'myReports', 'registry', 'tasks'],
  resident: ['snapReport', 'myReports', 'askHead', 'points', 'notices'],
  courtyard_head: ['headInbox', 'evaluation', 'meeting', 'snapReport'],
  cleaner: ['pickups', 'snapReport'],
  party_member: ['linkedHouseholds', 'snapReport', 'meeting'],
  post_staff: ['myCases', 'tasks'],
  center_operator: ['myCases', 'supervision', 'dashboard'],
  district_supervisor: ['supervision', 'dashboard'],
  admin: ['dashboard'],
};

const ICONS: Partial<Record<MessageKey, string>> = {
  report: '📷',
  snapReport: '📷',
  myGrid: '🗺️',
  registry: '🏠',
  tasks: '📋',
  askHead: '🙋',
  points: '⭐',
  notices: '📢',
  headInbox: '📨',
  evaluation: '📝',
  meeting: '🗳️',
  pickups: '🗑️',
  linkedHouseholds: '🤝',
  myCases: '📌',
  myReports: '🧾',
  supervision: '🔔',
  dashboard: '📊',
};

export function HomePage({ me, onOpen }: { me: Me; onOpen(tile: MessageKey): void }) {
  const { t, pick } = useI18n();
  const tiles = [...new Set(me.grants.flatMap((g) => TILES[g.role]))];
  const primary = me.grants[0];

  return (
    <div>
      <NavBar backIcon={null}>{t('appMobile')}</NavBar>
      <div style={{ padding: 12 }}>
        <Card>
          <div style={{ fontSize: 18, fontWeight: 600 }} data-testid="m-greeting">
            {t('hello', { name: me.name })}
          </div>
          {primary && (
            <div style={{ color: '#666', marginTop: 6, lineHeight: 1.6 }} data-testid="m-unit-trail">
              {primary.unitTrail.slice(1).join(' · ')}
            </div>
          )}
          <div style={{ marginTop: 8, display: 'flex', flexWrap: 'wrap', gap: 6 }}>
            {me.grants.map((g) => (
              <Tag key={g.id} color="danger" fill="outline">
                {pick(ROLE_LABELS[g.role])}
              </Tag>
            ))}
          </div>
        </Card>
        <Card style={{ marginTop: 12 }}>
          <Grid columns={3} gap={12}>
            {tiles.map((key) => (
              <Grid.Item key={key} onClick={() => onOpen(key)}>
                <button
                  type="button"
                  data-testid={`m-tile-${key}`}
                  style={{
                    width: '100%',
                    minHeight: 84,
                    border: 'none',
                    borderRadius: 12,
                    background: '#fff5f5',
                    fontSize: 15,
                    display: 'flex',
                    flexDirection: 'column',
                    alignItems: 'center',
                    justifyContent: 'center',
                    gap: 6,
                  }}
                >
                  <span style={{ fontSize: 28 }} aria-hidden>
                    {ICONS[key] ?? '•'}
                  </span>
                  {t(key)}
                </button>
              </Grid.Item>
            ))}
          </Grid>
        </Card>
      </div>
    </div>
  );
}
