import type { Role } from '@domain/auth/roles';
import { ROLE_LABELS } from '@domain/auth/roles';
import type { Me } from '@domain/auth/schemas';
import { Badge, Card, Grid, NavBar, Tag } from 'antd-mobile';
import {
  AppOutline,
  CameraOutline,
  CheckShieldOutline,
  EnvironmentOutline,
  FileOutline,
  FlagOutline,
  GiftOutline,
  HistogramOutline,
  MailOutline,
  MessageOutline,
  SoundOutline,
  StarOutline,
  TruckOutline,
  UnorderedListOutline,
  UserContactOutline,
} from 'antd-mobile-icons';
import type { ComponentType } from 'react';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/messages';
import { placeOf } from '../shared/place';

/**
 * What each role does first on the phone; the tiles of the home screen, in order. Only features that
 * exist have a tile: a tile that leads nowhere costs a villager's trust in every other one.
 */
const TILES: Record<Role, MessageKey[]> = {
  grid_worker: [
    'report',
    'tasks',
    'myGrid',
    'myReports',
    'registry',
    'notices',
    'evaluate',
    'leaderboard',
    'award',
  ],
  resident: [
    'environment',
    'snapReport',
    'askHead',
    'notices',
    'myReports',
    'myHousehold',
    'charter',
    'points',
    'leaderboard',
    'scorecard',
  ],
  courtyard_head: [
    'headInbox',
    'registry',
    'notices',
    'charter',
    'snapReport',
    'evaluate',
    'leaderboard',
    'award',
  ],
  cleaner: ['pickups', 'snapReport'],
  party_member: ['snapReport', 'notices', 'myReports'],
  post_staff: ['myCases', 'tasks'],
  center_operator: ['myCases'],
  district_supervisor: ['myCases'],
  admin: ['myCases'],
};

// Icons ship with the bundle: an emoji depends on the phone's fonts and shows as a blank box on some.
const ICONS: Partial<Record<MessageKey, ComponentType>> = {
  report: CameraOutline,
  snapReport: CameraOutline,
  environment: EnvironmentOutline,
  myGrid: EnvironmentOutline,
  registry: UserContactOutline,
  myHousehold: UserContactOutline,
  askHead: MessageOutline,
  notices: SoundOutline,
  charter: FileOutline,
  headInbox: MailOutline,
  pickups: TruckOutline,
  myCases: FlagOutline,
  myReports: FileOutline,
  leaderboard: HistogramOutline,
  evaluate: CheckShieldOutline,
  scorecard: CheckShieldOutline,
  tasks: UnorderedListOutline,
  points: GiftOutline,
  award: StarOutline,
};

export function HomePage({
  me,
  onOpen,
  badges = {},
}: {
  me: Me;
  onOpen(tile: MessageKey): void;
  /** Counts of what waits behind a tile: unread asks in the head's mailbox, unread notices. */
  badges?: Partial<Record<MessageKey, number>>;
}) {
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
              {placeOf(primary.unitTrail)}
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
            {tiles.map((key) => {
              const Icon = ICONS[key] ?? AppOutline;
              return (
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
                    <Badge content={badges[key] || null} data-testid={`m-tile-badge-${key}`}>
                      <span style={{ fontSize: 28, color: '#c8102e', display: 'flex' }} aria-hidden>
                        <Icon />
                      </span>
                    </Badge>
                    {t(key)}
                  </button>
                </Grid.Item>
              );
            })}
          </Grid>
        </Card>
      </div>
    </div>
  );
}
