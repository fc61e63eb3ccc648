import type { CourtyardCharter } from '@domain/notices/schemas';
import { App, Button, Card, Col, Collapse, Empty, Input, Row, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, get, post } from '../../api/client';
import { formatDateTime, useI18n } from '../../i18n';
import { Markdown } from '../../shared/Markdown';
import { UnitPicker } from '../org/UnitPicker';

/** A courtyard's charter (院规院约): publish a new version, read the old ones, and see which households have acknowledged. */
export function CharterPanel() {
  const { t, locale } = useI18n();
  const { message, modal } = App.useApp();
  const [courtyardId, setCourtyardId] = useState<string>();
  const [charter, setCharter] = useState<CourtyardCharter | null>(null);
  const [draft, setDraft] = useState('');

  const fail = useCallback(
    (e: unknown) => void message.error(e instanceof ApiError ? e.messageIn(locale) : String(e)),
    [message, locale],
  );
  const load = useCallback(async () => {
    if (!courtyardId) return;
    try {
      const c = await get<CourtyardCharter>(`/charters/courtyards/${courtyardId}`);
      setCharter(c);
      setDraft(c.versions[0]?.body ?? '');
    } catch (e) {
      fail(e);
    }
  }, [courtyardId, fail]);
  useEffect(() => {
    void load();
  }, [load]);

  const publish = () =>
    modal.confirm({
      title: t('charterPublish'),
      onOk: async () => {
        try {
          await post(`/charters/courtyards/${courtyardId}`, { body: draft });
          void message.success(t('published'));
          await load();
        } catch (e) {
          fail(e);
        }
      },
    });

  const [current, ...older] = charter?.versions ?? [];
  const done = charter?.households.filter((h) => h.acknowledgment).length ?? 0;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <div style={{ maxWidth: 360 }}>
        <UnitPicker
          value={courtyardId}
          onChange={(id) => setCourtyardId(id)}
          selectable={(u) => u.kind === 'courtyard'}
          placeholder={t('courtyard')}
          testId="charter-courtyard"
        />
      </div>
      {charter && (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            <Card title={t('charterEditor')}>
              <Input.TextArea
                rows={12}
                value={draft}
                onChange={(e) => setDraft(e.target.value)}
                maxLength={20_000}
                data-testid="charter-draft"
              />
              <Typography.Paragraph type="secondary">{t('noticeBodyHelp')}</Typography.Paragraph>
              <Button type="primary" disabled={!draft.trim()} onClick={publish} data-testid="charter-publish">
                {t('charterPublish')}
              </Button>
            </Card>
            <Card
              style={{ marginTop: 16 }}
              title={
                current
                  ? `${t('charterCurrent')} · ${t('charterVersion', { version: current.version })}`
                  : t('charter')
              }
            >
              {current ? <Markdown source={current.body} /> : <Empty description={t('charterNone')} />}
              {older.length > 0 && (
                <Collapse
                  style={{ marginTop: 12 }}
                  items={older.map((v) => ({
                    key: v.id,
                    label: `${t('charterOld')} · ${t('charterVersion', { version: v.version })} · ${formatDateTime(v.publishedAt, locale)}`,
                    children: <Markdown source={v.body} />,
                  }))}
                />
              )}
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card
              title={
                <span data-testid="charter-ack-summary">
                  {t('ackSummary', { done, total: charter.households.length })}
                </span>
              }
            >
              <Table
                rowKey="id"
                size="small"
                dataSource={charter.households}
                pagination={{ pageSize: 30 }}
                columns={[
                  { title: t('address'), dataIndex: 'address' },
                  { title: t('householdHead'), dataIndex: 'headName' },
                  {
                    title: t('status'),
                    render: (_, h) =>
                      h.acknowledgment ? (
                        <Tag color="green">
                          {t('acknowledged')} · {h.acknowledgment.by.name}
                        </Tag>
                      ) : (
                        <Tag>{t('notAcknowledged')}</Tag>
                      ),
                  },
                ]}
              />
            </Card>
          </Col>
        </Row>
      )}
    </Space>
  );
}
