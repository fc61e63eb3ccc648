import { ROLE_LABELS, ROLES } from '@domain/auth/roles';
import type { UserView } from '@domain/users/schemas';
import { App, Button, Card, Flex, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, get, post } from '../../api/client';
import { useI18n } from '../../i18n';
import { placeOf } from '../../shared/place';
import { GrantFields } from './GrantFields';
import { UserDrawer } from './UserDrawer';

interface Page {
  items: UserView[];
  nextCursor: string | null;
}

/** 人员与任职: people in the viewer's scope, in keyset pages. */
export default function UsersPage() {
  const { t, pick, locale } = useI18n();
  const { message } = App.useApp();
  const [rows, setRows] = useState<UserView[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const [role, setRole] = useState<string | undefined>();
  const [loading, setLoading] = useState(false);
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<UserView | null>(null);
  const [form] = Form.useForm();

  const fail = useCallback(
    (e: unknown) => void message.error(e instanceof ApiError ? e.messageIn(locale) : String(e)),
    [message, locale],
  );

  const load = useCallback(
    async (after: string | null) => {
      setLoading(true);
      try {
        const params = new URLSearchParams({ limit: '50' });
        if (q.trim()) params.set('q', q.trim());
        if (role) params.set('role', role);
        if (after) params.set('cursor', after);
        const page = await get<Page>(`/users?${params}`);
        setRows((prev) => (after ? [...prev, ...page.items] : page.items));
        setCursor(page.nextCursor);
      } catch (e) {
        fail(e);
      } finally {
        setLoading(false);
      }
    },
    [q, role, fail],
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  const create = async () => {
    // The form shows its own messages beside the fields; nothing to send until they pass.
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      const user = await post<UserView>('/users', {
        phone: v.phone,
        name: v.name,
        password: v.password,
        grants: [{ role: v.role, unitId: v.unitId, ...(v.postId ? { postId: v.postId } : {}) }],
      });
      setCreating(false);
      form.resetFields();
      void message.success(t('created'));
      setRows((prev) => [user, ...prev]);
    } catch (e) {
      fail(e);
    }
  };

  return (
    <Card
      title={t('users')}
      extra={
        <Button type="primary" onClick={() => setCreating(true)} data-testid="user-create">
          {t('createUser')}
        </Button>
      }
    >
      <Flex gap={8} style={{ marginBottom: 16 }}>
        <Input.Search placeholder={t('search')} allowClear onSearch={setQ} style={{ width: 260 }} />
        <Select
          allowClear
          placeholder={t('allRoles')}
          style={{ width: 200 }}
          value={role}
          onChange={setRole}
          options={ROLES.map((r) => ({ value: r, label: pick(ROLE_LABELS[r]) }))}
        />
      </Flex>
      <Table<UserView>
        rowKey="id"
        dataSource={rows}
        loading={loading}
        pagination={false}
        onRow={(u) => ({ onClick: () => setOpen(u), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: t('personName'),
            render: (_, u) => <span data-testid={`user-row-${u.phone}`}>{u.name}</span>,
          },
          { title: t('phone'), dataIndex: 'phone' },
          {
            title: t('grants'),
            render: (_, u) => (
              <Space wrap size={4}>
                {u.grants.map((g) => (
                  <Tag key={g.id}>
                    {pick(ROLE_LABELS[g.role])} · {placeOf(g.unitTrail, ' / ')}
                    {g.postName ? ` · ${g.postName}` : ''}
                  </Tag>
                ))}
              </Space>
            ),
          },
          {
            title: t('status'),
            render: (_, u) =>
              u.disabled ? (
                <Tag color="default">{t('disabled')}</Tag>
              ) : (
                <Tag color="green">{t('enabled')}</Tag>
              ),
          },
        ]}
      />
      {cursor && (
        <Button block style={{ marginTop: 12 }} onClick={() => void load(cursor)} loading={loading}>
          {t('loadMore')}
        </Button>
      )}
      <Modal
        open={creating}
        title={t('createUser')}
        okText={t('save')}
        cancelText={t('cancel')}
        onOk={() => void create()}
        onCancel={() => setCreating(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="name" label={t('personName')} rules={[{ required: true, max: 60 }]}>
            <Input data-testid="user-name" />
          </Form.Item>
          <Form.Item
            name="phone"
            label={t('phone')}
            rules={[{ required: true, pattern: /^1[3-9]\d{9}$/, message: t('phoneRequired') }]}
          >
            <Input inputMode="numeric" maxLength={11} data-testid="user-phone" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('initialPassword')}
            extra={t('passwordHint')}
            rules={[{ required: true, min: 8 }]}
          >
            <Input.Password autoComplete="new-password" data-testid="user-password" />
          </Form.Item>
          <GrantFields />
        </Form>
      </Modal>
      {open && (
        <UserDrawer
          user={open}
          onClose={() => setOpen(null)}
          onChanged={(u) => {
            setOpen(u);
            setRows((prev) => prev.map((r) => (r.id === u.id ? u : r)));
          }}
        />
      )}
    </Card>
  );
}
