import type { Me } from '@domain/auth/schemas';
import type { PeriodKind } from '@domain/leaderboard/periods';
import { BOARD_KEEPERS } from '@domain/leaderboard/policy';
import type { BoardView, Leaderboard, LeaderboardPlace, LeaderboardRow } from '@domain/leaderboard/schemas';
import {
  App,
  Button,
  Card,
  DatePicker,
  Input,
  Popconfirm,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError, get, post } from '../../api/client';
import { formatDateTime, useI18n } from '../../i18n';
import { choicesFor } from '../../shared/leaderboard';

/** 挂榜晾晒 in the console: any board of the operator's area, any period, and the village TV links. */
export default function LeaderboardPage({ me }: { me: Me }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [places, setPlaces] = useState<LeaderboardPlace[]>([]);
  const [placeId, setPlaceId] = useState<string>();
  const [level, setLevel] = useState<string>();
  const [period, setPeriod] = useState<PeriodKind>('month');
  const [at, setAt] = useState<Dayjs | null>(null);
  const [board, setBoard] = useState<Leaderboard | null>(null);
  const fail = useCallback(
    (e: unknown) => {
      void message.error(e instanceof ApiError ? e.messageIn(locale) : String(e));
    },
    [message, locale],
  );

  useEffect(() => {
    get<LeaderboardPlace[]>('/leaderboard/places')
      .then((list) => {
        setPlaces(list);
        // A town's staff start at their town's villages; a village's at its courtyards.
        const first =
          list.find((p) => p.kind === 'town') ?? list.find((p) => p.kind === 'village') ?? list[0];
        setPlaceId(first?.id);
      })
      .catch(fail);
  }, [fail]);
  const place = places.find((p) => p.id === placeId);
  const choices = useMemo(() => (place ? choicesFor(place) : []), [place]);
  const choice = choices.find((c) => c.level === level) ?? choices[0];

  useEffect(() => {
    if (!choice) return;
    const when = at ? `&at=${at.format('YYYY-MM-DD')}` : '';
    get<Leaderboard>(`/leaderboard?level=${choice.level}&scope=${choice.place.id}&period=${period}${when}`)
      .then(setBoard)
      .catch(fail);
  }, [choice, period, at, fail]);

  const unit = choice?.level !== 'households';
  const columns = [
    { title: t('lbRank'), dataIndex: 'rank', width: 80, render: (r: number | null) => r ?? '–' },
    {
      title: t('name'),
      dataIndex: 'label',
      render: (label: string, row: LeaderboardRow) => (
        <Space>
          {label}
          {row.mine && (
            <Tag color="red">
              {t(
                choice?.level === 'households'
                  ? 'lbMine'
                  : choice?.level === 'courtyards'
                    ? 'lbOurYard'
                    : 'lbOurVillage',
              )}
            </Tag>
          )}
        </Space>
      ),
    },
    ...(unit
      ? [
          {
            title: t('lbPerHouseholdCol'),
            dataIndex: 'perHousehold',
            render: (v: number | null) => v ?? '–',
          },
          { title: t('lbTotalCol'), dataIndex: 'points' },
          { title: t('lbHouseholdsCol'), dataIndex: 'households' },
        ]
      : [{ title: t('lbPoints'), dataIndex: 'points' }]),
  ];
  const keepsBoards = me.grants.some((g) => BOARD_KEEPERS.includes(g.role));
  const village = place?.kind === 'village' ? place : null;

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="lb-page">
      <Card title={t('leaderboard')}>
        <Space wrap style={{ marginBottom: 16 }}>
          <Select
            data-testid="lb-place"
            style={{ minWidth: 280 }}
            showSearch
            optionFilterProp="label"
            value={placeId}
            onChange={(id) => {
              setPlaceId(id);
              setLevel(undefined);
            }}
            options={places.map((p) => ({ value: p.id, label: p.trail }))}
          />
          <Segmented
            data-testid="lb-level"
            value={choice?.level}
            onChange={(v) => setLevel(String(v))}
            options={choices.map((c) => ({ value: c.level, label: t(c.label) }))}
          />
          <Segmented
            data-testid="lb-period"
            value={period}
            onChange={(v) => setPeriod(v as PeriodKind)}
            options={[
              { value: 'month', label: t('lbMonth') },
              { value: 'quarter', label: t('lbQuarter') },
              { value: 'year', label: t('lbYear') },
            ]}
          />
          <DatePicker picker={period === 'month' ? 'month' : period} value={at} onChange={setAt} allowClear />
          {board && <Typography.Text type="secondary">{board.period.key}</Typography.Text>}
        </Space>
        <Table
          data-testid="lb-table"
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={board?.rows ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
        />
        <Typography.Paragraph type="secondary">{t('lbRule')}</Typography.Paragraph>
      </Card>
      {keepsBoards && village && <BoardLinks village={village} />}
    </Space>
  );
}

/** The village TV links: made here, shown once, revoked here. */
function BoardLinks({ village }: { village: LeaderboardPlace }) {
  const { t, locale } = useI18n();
  const { message, modal } = App.useApp();
  const [boards, setBoards] = useState<BoardView[]>([]);
  const [name, setName] = useState('');
  const fail = useCallback(
    (e: unknown) => {
      void message.error(e instanceof ApiError ? e.messageIn(locale) : String(e));
    },
    [message, locale],
  );
  const load = useCallback(
    () => get<BoardView[]>(`/leaderboard/boards?villageId=${village.id}`).then(setBoards).catch(fail),
    [village.id, fail],
  );
  useEffect(() => {
    void load();
  }, [load]);
  const make = async () => {
    try {
      const made = await post<BoardView & { token: string }>('/leaderboard/boards', {
        villageId: village.id,
        name: name.trim() || village.name,
      });
      const link = `${window.location.origin}/mobile/?board=${made.token}`;
      modal.success({
        title: t('lbBoardMade'),
        width: 640,
        content: (
          <Typography.Paragraph copyable data-testid="lb-board-link">
            {link}
          </Typography.Paragraph>
        ),
      });
      setName('');
      void load();
    } catch (e) {
      fail(e);
    }
  };
  const revoke = async (id: string) => {
    try {
      await post(`/leaderboard/boards/${id}/revoke`);
      void load();
    } catch (e) {
      fail(e);
    }
  };
  return (
    <Card title={`${t('lbBoards')} · ${village.name}`}>
      <Space style={{ marginBottom: 16 }}>
        <Input
          data-testid="lb-board-name"
          placeholder={t('lbBoardName')}
          value={name}
          maxLength={40}
          onChange={(e) => setName(e.target.value)}
          style={{ width: 280 }}
        />
        <Button type="primary" onClick={() => void make()} data-testid="lb-board-make">
          {t('lbBoardMake')}
        </Button>
      </Space>
      <Table
        rowKey="id"
        size="small"
        dataSource={boards}
        pagination={false}
        columns={[
          { title: t('name'), dataIndex: 'name' },
          { title: t('createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v, locale) },
          {
            title: '',
            dataIndex: 'revokedAt',
            render: (revokedAt: string | null, row: BoardView) =>
              revokedAt ? (
                <Tag>{t('lbBoardRevoked')}</Tag>
              ) : (
                <Popconfirm title={t('lbBoardConfirmRevoke')} onConfirm={() => void revoke(row.id)}>
                  <Button danger size="small">
                    {t('lbBoardRevoke')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
    </Card>
  );
}
