import type { Me } from '@domain/auth/schemas';
import { NOTICE_PUBLISHERS } from '@domain/notices/policy';
import {
  NOTICE_CATEGORIES,
  NOTICE_CATEGORY_LABELS,
  type NoticeReads,
  type NoticeSummary,
} from '@domain/notices/schemas';
import {
  App,
  Button,
  Card,
  Checkbox,
  Drawer,
  Form,
  Image,
  Input,
  List,
  Modal,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
  Upload,
  type UploadFile,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, get, post } from '../../api/client';
import { type UploadedPhoto, uploadPhoto } from '../../api/photos';
import { formatDateTime, useI18n } from '../../i18n';
import { Markdown } from '../../shared/Markdown';
import { UnitPicker } from '../org/UnitPicker';
import { CharterPanel } from './CharterPanel';

/** 宣讲 / 经验宣传 / 通知 and 院规院约: what the staff publish to courtyards, villages and towns, and who has read it. */
export default function NoticesPage({ me }: { me: Me }) {
  const { t } = useI18n();
  const home = me.grants.find((g) => NOTICE_PUBLISHERS.includes(g.role));
  return (
    <Tabs
      items={[
        { key: 'notices', label: t('notices'), children: <NoticesPanel homeUnitId={home?.unitId} /> },
        { key: 'charter', label: t('charter'), children: <CharterPanel /> },
      ]}
    />
  );
}

function NoticesPanel({ homeUnitId }: { homeUnitId: string | undefined }) {
  const { t, pick, locale } = useI18n();
  const { message, modal } = App.useApp();
  const [unitId, setUnitId] = useState(homeUnitId);
  const [rows, setRows] = useState<NoticeSummary[]>([]);
  const [composing, setComposing] = useState(false);
  const [photos, setPhotos] = useState<UploadFile<UploadedPhoto>[]>([]);
  const [reads, setReads] = useState<{ notice: NoticeSummary; reads: NoticeReads } | null>(null);
  const [form] = Form.useForm();

  const fail = useCallback(
    (e: unknown) => void message.error(e instanceof ApiError ? e.messageIn(locale) : String(e)),
    [message, locale],
  );
  const load = useCallback(async () => {
    if (!unitId) return;
    try {
      setRows(await get<NoticeSummary[]>(`/notices?unitId=${unitId}`));
    } catch (e) {
      fail(e);
    }
  }, [unitId, fail]);
  useEffect(() => {
    void load();
  }, [load]);

  const publish = async () => {
    const values = await form.validateFields();
    try {
      const photoIds = photos.flatMap((f) => (f.status === 'done' && f.response ? [f.response.id] : []));
      await post('/notices', { ...values, pinned: !!values.pinned, photoIds });
      void message.success(t('published'));
      setComposing(false);
      form.resetFields();
      setPhotos([]);
      await load();
    } catch (e) {
      fail(e);
    }
  };
  const withdraw = (n: NoticeSummary) =>
    modal.confirm({
      title: n.title,
      content: t('withdrawConfirm'),
      onOk: async () => {
        try {
          await post(`/notices/${n.id}/withdraw`);
          await load();
        } catch (e) {
          fail(e);
        }
      },
    });
  const openReads = async (n: NoticeSummary) => {
    try {
      setReads({ notice: n, reads: await get<NoticeReads>(`/notices/${n.id}/reads`) });
    } catch (e) {
      fail(e);
    }
  };

  return (
    <Card
      title={
        <Space wrap>
          <span style={{ minWidth: 240, display: 'inline-block' }}>
            <UnitPicker
              value={unitId}
              onChange={(id) => setUnitId(id)}
              selectable={() => true}
              testId="notice-scope"
            />
          </span>
          <Button onClick={() => void load()}>{t('refresh')}</Button>
        </Space>
      }
      extra={
        <Button type="primary" onClick={() => setComposing(true)} data-testid="notice-create">
          {t('publishNotice')}
        </Button>
      }
    >
      <Table<NoticeSummary>
        rowKey="id"
        dataSource={rows}
        pagination={{ pageSize: 20 }}
        scroll={{ x: 760 }}
        onRow={(n) => ({ 'data-testid': `notice-row-${n.title}` }) as never}
        columns={[
          {
            title: t('noticeTitle'),
            dataIndex: 'title',
            render: (title: string, n) => (
              <Space size={4} wrap>
                {n.pinned && <Tag color="red">{t('pinned')}</Tag>}
                <Tag>{pick(NOTICE_CATEGORY_LABELS[n.category])}</Tag>
                <Typography.Text>{title}</Typography.Text>
              </Space>
            ),
          },
          { title: t('noticeTarget'), render: (_, n) => n.unit.name },
          { title: t('publisher'), render: (_, n) => n.publisher.name },
          { title: t('publishedAt'), render: (_, n) => formatDateTime(n.publishedAt, locale) },
          {
            title: t('status'),
            render: (_, n) =>
              n.status === 'published' ? (
                <Tag color="green">{t('published')}</Tag>
              ) : (
                <Tag>{t('withdrawn')}</Tag>
              ),
          },
          {
            title: t('readCount'),
            render: (_, n) => (
              <Button type="link" onClick={() => void openReads(n)} data-testid={`notice-reads-${n.id}`}>
                {t('readOf', { read: n.readCount, audience: n.audience })}
              </Button>
            ),
          },
          {
            title: '',
            render: (_, n) =>
              n.can.withdraw && (
                <Button
                  size="small"
                  danger
                  onClick={() => withdraw(n)}
                  data-testid={`notice-withdraw-${n.id}`}
                >
                  {t('withdraw')}
                </Button>
              ),
          },
        ]}
      />
      <Modal
        open={composing}
        title={t('publishNotice')}
        onCancel={() => setComposing(false)}
        onOk={() => void publish()}
        okText={t('publish')}
        okButtonProps={{ 'data-testid': 'notice-submit' } as never}
        width={640}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ category: 'notice', pinned: false }}>
          <Form.Item name="unitId" label={t('noticeTarget')} rules={[{ required: true }]}>
            <UnitPicker
              selectable={(u) => ['town', 'village', 'courtyard'].includes(u.kind)}
              testId="notice-target"
            />
          </Form.Item>
          <Form.Item name="category" label={t('noticeCategory')} rules={[{ required: true }]}>
            <Select
              data-testid="notice-category"
              options={NOTICE_CATEGORIES.map((c) => ({ value: c, label: pick(NOTICE_CATEGORY_LABELS[c]) }))}
            />
          </Form.Item>
          <Form.Item
            name="title"
            label={t('noticeTitle')}
            rules={[{ required: true, max: 100, whitespace: true }]}
          >
            <Input data-testid="notice-title" />
          </Form.Item>
          <Form.Item
            name="body"
            label={t('noticeBody')}
            extra={t('noticeBodyHelp')}
            rules={[{ required: true, max: 10_000, whitespace: true }]}
          >
            <Input.TextArea rows={8} data-testid="notice-body" />
          </Form.Item>
          <Form.Item label={t('noticePhotos')}>
            <Upload<UploadedPhoto>
              listType="picture-card"
              accept="image/jpeg,image/png,image/webp,image/heic"
              maxCount={9}
              fileList={photos}
              onChange={({ fileList }) => setPhotos(fileList)}
              customRequest={({ file, onSuccess, onError }) => {
                uploadPhoto(file as File)
                  .then((p) => onSuccess?.(p))
                  .catch((e: Error) => {
                    fail(e);
                    onError?.(e);
                  });
              }}
            >
              {photos.length < 9 && '+'}
            </Upload>
          </Form.Item>
          <Form.Item name="pinned" valuePropName="checked">
            <Checkbox data-testid="notice-pinned">{t('pinned')}</Checkbox>
          </Form.Item>
        </Form>
      </Modal>
      <Drawer open={!!reads} onClose={() => setReads(null)} title={reads?.notice.title} width={420}>
        {reads && (
          <>
            <Typography.Title level={5} data-testid="notice-read-summary">
              {t('readOf', { read: reads.reads.readCount, audience: reads.reads.audience })}
            </Typography.Title>
            <Card size="small" style={{ marginBottom: 12 }}>
              <Markdown source={reads.notice.body} />
              <Space wrap>
                {reads.notice.photos.map((p) => (
                  <Image key={p.id} src={p.thumbUrl} preview={{ src: p.url }} width={88} height={88} />
                ))}
              </Space>
            </Card>
            <List
              header={t('unreadPeople')}
              size="small"
              dataSource={reads.reads.unread}
              renderItem={(u) => (
                <List.Item>
                  {u.name}
                  <Typography.Text type="secondary">{u.place}</Typography.Text>
                </List.Item>
              )}
            />
          </>
        )}
      </Drawer>
    </Card>
  );
}
