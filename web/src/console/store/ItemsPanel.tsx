import type { OrgUnit } from '@domain/org/schemas';
import type { StoreItemView } from '@domain/store/schemas';
import {
  Button,
  Card,
  Form,
  Image,
  Input,
  InputNumber,
  Modal,
  Space,
  Switch,
  Table,
  Tag,
  Upload,
  type UploadFile,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { get, patch, post } from '../../api/client';
import { type UploadedPhoto, uploadPhoto } from '../../api/photos';
import { useI18n } from '../../i18n';
import { UnitPicker } from '../org/UnitPicker';
import { useFail } from './useFail';

interface ItemForm {
  name: string;
  price: number;
  stock: number;
  active: boolean;
}

/** A village's goods: add, restock, reprice, rename, picture, and take off (or put back on) the shelf. */
export function ItemsPanel() {
  const { t } = useI18n();
  const fail = useFail();
  const [village, setVillage] = useState<OrgUnit | null>(null);
  const [rows, setRows] = useState<StoreItemView[]>([]);
  const [editing, setEditing] = useState<StoreItemView | 'new' | null>(null);
  const [photo, setPhoto] = useState<UploadFile<UploadedPhoto>[]>([]);
  const [form] = Form.useForm<ItemForm>();

  const load = useCallback(async () => {
    if (!village) return;
    try {
      setRows(await get<StoreItemView[]>(`/store/items?unitId=${village.id}`));
    } catch (e) {
      fail(e);
    }
  }, [village, fail]);
  useEffect(() => {
    void load();
  }, [load]);

  const open = (item: StoreItemView | 'new') => {
    setEditing(item);
    setPhoto([]);
  };
  const initial: ItemForm =
    editing && editing !== 'new'
      ? { name: editing.name, price: editing.price, stock: editing.stock, active: editing.active }
      : { name: '', price: 10, stock: 10, active: true };
  const save = async () => {
    const values = await form.validateFields();
    const uploaded = photo.find((f) => f.status === 'done' && f.response)?.response?.id;
    try {
      if (editing === 'new')
        await post('/store/items', { villageId: village?.id, ...values, photoId: uploaded ?? null });
      else if (editing)
        await patch(`/store/items/${editing.id}`, { ...values, ...(uploaded ? { photoId: uploaded } : {}) });
      setEditing(null);
    } catch (e) {
      fail(e);
    }
    await load();
  };
  const shelf = async (item: StoreItemView) => {
    try {
      await patch(`/store/items/${item.id}`, { active: !item.active });
    } catch (e) {
      fail(e);
    }
    await load();
  };

  return (
    <Card
      title={
        <Space wrap>
          <span style={{ minWidth: 240, display: 'inline-block' }}>
            <UnitPicker
              value={village?.id}
              placeholder={t('chooseVillage')}
              onChange={(_, u) => setVillage(u)}
              selectable={(u) => u.kind === 'village'}
              deepest="village"
              testId="store-village"
            />
          </span>
          <Button onClick={() => void load()} disabled={!village}>
            {t('refresh')}
          </Button>
        </Space>
      }
      extra={
        <Button
          type="primary"
          disabled={!village}
          onClick={() => open('new')}
          data-testid="store-item-create"
        >
          {t('addStoreItem')}
        </Button>
      }
    >
      <Table<StoreItemView>
        rowKey="id"
        dataSource={rows}
        pagination={{ pageSize: 20 }}
        scroll={{ x: 720 }}
        onRow={(i) => ({ 'data-testid': `store-item-${i.name}` }) as never}
        columns={[
          {
            title: t('photo'),
            width: 80,
            render: (_, i) =>
              i.photoId ? (
                <Image
                  width={56}
                  height={56}
                  style={{ objectFit: 'cover' }}
                  src={`/api/v1/photos/${i.photoId}/thumb`}
                  preview={{ src: `/api/v1/photos/${i.photoId}` }}
                />
              ) : (
                '—'
              ),
          },
          { title: t('itemName'), dataIndex: 'name' },
          { title: t('price'), dataIndex: 'price' },
          { title: t('stock'), dataIndex: 'stock' },
          {
            title: t('status'),
            render: (_, i) =>
              i.active ? <Tag color="green">{t('onShelf')}</Tag> : <Tag>{t('offShelf')}</Tag>,
          },
          {
            title: '',
            render: (_, i) => (
              <Space>
                <Button size="small" onClick={() => open(i)}>
                  {t('edit')}
                </Button>
                <Button size="small" danger={i.active} onClick={() => void shelf(i)}>
                  {i.active ? t('takeOff') : t('putOn')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={!!editing}
        title={editing === 'new' ? t('addStoreItem') : editing?.name}
        onCancel={() => setEditing(null)}
        onOk={() => void save()}
        okButtonProps={{ disabled: photo.some((f) => f.status === 'uploading') }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={initial}>
          <Form.Item
            name="name"
            label={t('itemName')}
            rules={[{ required: true, whitespace: true, max: 60 }]}
          >
            <Input maxLength={60} />
          </Form.Item>
          <Space size="large">
            <Form.Item name="price" label={t('price')} rules={[{ required: true }]}>
              <InputNumber min={1} max={100_000} precision={0} />
            </Form.Item>
            <Form.Item name="stock" label={t('stock')} rules={[{ required: true }]}>
              <InputNumber min={0} max={100_000} precision={0} />
            </Form.Item>
            <Form.Item name="active" label={t('onShelf')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Space>
          <Form.Item label={t('photo')}>
            <Upload<UploadedPhoto>
              listType="picture-card"
              accept="image/jpeg,image/png,image/webp,image/heic"
              maxCount={1}
              fileList={photo}
              onChange={({ fileList }) => setPhoto(fileList)}
              customRequest={({ file, onSuccess, onError }) => {
                uploadPhoto(file as File)
                  .then((p) => onSuccess?.(p))
                  .catch((e: Error) => {
                    fail(e);
                    onError?.(e);
                  });
              }}
            >
              {photo.length === 0 && '+'}
            </Upload>
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
