import { SECTOR_LABELS, type SectorKind } from '@domain/org/kinds';
import type { OrgUnitDetail } from '@domain/org/schemas';
import { App, Button, Card, Col, Input, List, Row, Space, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, get, patch, post } from '../../api/client';
import { useI18n } from '../../i18n';

interface Sector {
  id: string;
  kind: SectorKind;
  posts: { id: string; name: string; retired: boolean }[];
}

const ORDER: SectorKind[] = ['party', 'economy', 'livelihood', 'safety'];

/** 四板块 and their posts; posts are added, renamed and retired by those the server allows. */
export function SectorsPanel({ town }: { town: OrgUnitDetail }) {
  const { t, pick, locale } = useI18n();
  const { message, modal } = App.useApp();
  const [sectors, setSectors] = useState<Sector[]>([]);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const canManage = town.can.includes('manage_posts');

  const fail = useCallback(
    (e: unknown) => void message.error(e instanceof ApiError ? e.messageIn(locale) : String(e)),
    [message, locale],
  );
  const load = useCallback(async () => {
    try {
      const rows = await get<Sector[]>(`/org/units/${town.id}/sectors`);
      setSectors([...rows].sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind)));
    } catch (e) {
      fail(e);
    }
  }, [town.id, fail]);
  useEffect(() => {
    void load();
  }, [load]);

  const act = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      await load();
    } catch (e) {
      fail(e);
    }
  };

  const rename = (post: { id: string; name: string }) => {
    let name = post.name;
    modal.confirm({
      title: t('rename'),
      content: <Input defaultValue={post.name} onChange={(e) => (name = e.target.value)} />,
      onOk: () => act(() => patch(`/org/posts/${post.id}`, { name })),
    });
  };

  return (
    <Row gutter={[16, 16]}>
      {sectors.map((s) => (
        <Col span={12} key={s.id}>
          <Card size="small" title={pick(SECTOR_LABELS[s.kind])}>
            <List
              size="small"
              dataSource={s.posts.filter((p) => !p.retired)}
              renderItem={(p) => (
                <List.Item
                  actions={
                    canManage
                      ? [
                          <Button key="r" size="small" type="link" onClick={() => rename(p)}>
                            {t('rename')}
                          </Button>,
                          <Button
                            key="x"
                            size="small"
                            type="link"
                            danger
                            onClick={() =>
                              modal.confirm({
                                title: t('confirmRetirePost', { name: p.name }),
                                okButtonProps: { danger: true },
                                onOk: () => act(() => post(`/org/posts/${p.id}/retire`)),
                              })
                            }
                          >
                            {t('retire')}
                          </Button>,
                        ]
                      : []
                  }
                >
                  <Tag color="red">{p.name}</Tag>
                </List.Item>
              )}
            />
            {canManage && (
              <Space.Compact style={{ width: '100%', marginTop: 8 }}>
                <Input
                  placeholder={t('postName')}
                  value={drafts[s.kind] ?? ''}
                  onChange={(e) => setDrafts((d) => ({ ...d, [s.kind]: e.target.value }))}
                />
                <Button
                  onClick={() =>
                    void act(async () => {
                      await post(`/org/units/${town.id}/posts`, {
                        sector: s.kind,
                        name: (drafts[s.kind] ?? '').trim(),
                      });
                      setDrafts((d) => ({ ...d, [s.kind]: '' }));
                    })
                  }
                >
                  {t('addPost')}
                </Button>
              </Space.Compact>
            )}
          </Card>
        </Col>
      ))}
    </Row>
  );
}
