import { EVIDENCE_KINDS, type TaskView } from '@domain/tasks/schemas';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Switch,
  TreeSelect,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { ApiError, get, post } from '../../api/client';
import { useI18n } from '../../i18n';

interface Option {
  kind: 'sector' | 'post' | 'village' | 'grid' | 'grid_worker';
  id: string;
  name: string;
  parentId: string | null;
}
interface TreeNode {
  value: string;
  title: string;
  children: TreeNode[];
}

/** The picker's tree: posts under their sector, grids under their village, grid workers under their grid. */
function treeOf(options: readonly Option[], kindLabel: (k: Option['kind']) => string): TreeNode[] {
  const nodes = new Map<string, TreeNode>();
  const byId = new Map(options.map((o) => [o.id, o]));
  for (const o of options) {
    // A grid is searched for with its village's name: many villages have a 第一网格.
    const village = o.kind === 'grid' && o.parentId ? byId.get(o.parentId) : undefined;
    const name = village ? `${village.name} ${o.name}` : o.name;
    nodes.set(o.id, { value: `${o.kind}:${o.id}`, title: `${name}（${kindLabel(o.kind)}）`, children: [] });
  }
  const roots: TreeNode[] = [];
  for (const o of options) {
    const node = nodes.get(o.id) as TreeNode;
    const parent = o.parentId ? nodes.get(o.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

interface FormValues {
  title: string;
  instructions?: string;
  items: { title: string; evidence: (typeof EVIDENCE_KINDS)[number]; maxScore: number; radiusM?: number }[];
  assignees: string[];
  recurrence: 'once' | 'daily' | 'weekly' | 'monthly';
  dueAt?: Dayjs;
  workingDays?: boolean;
  dueInWorkingDays?: number;
}

export function IssueTaskModal({
  open,
  unitId,
  onClose,
  onIssued,
}: {
  open: boolean;
  unitId: string;
  onClose(): void;
  onIssued(task: TaskView): void;
}) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [options, setOptions] = useState<Option[]>([]);
  const [sending, setSending] = useState(false);
  const recurrence = Form.useWatch('recurrence', form);
  const workingDays = Form.useWatch('workingDays', form) ?? false;
  useEffect(() => {
    if (!open) return;
    void get<Option[]>(`/tasks/assignees?unitId=${unitId}`)
      .then(setOptions)
      .catch(() => setOptions([]));
  }, [open, unitId]);
  const tree = useMemo(() => treeOf(options, (k) => t(`rankingKind_${k}`)), [options, t]);

  const send = async () => {
    const v = await form.validateFields();
    setSending(true);
    try {
      const task = await post<TaskView>('/tasks', {
        unitId,
        title: v.title,
        instructions: v.instructions ?? '',
        items: v.items.map((i) => ({
          title: i.title,
          evidence: i.evidence,
          maxScore: i.maxScore,
          ...(i.evidence === 'checkin' ? { radiusM: i.radiusM ?? 300 } : {}),
        })),
        assignees: v.assignees.map((value) => {
          const [kind, id] = value.split(':');
          return { kind, id };
        }),
        recurrence: v.recurrence === 'once' ? null : v.recurrence,
        workingDays: v.workingDays ?? false,
        ...(v.recurrence === 'once' && v.workingDays ? { dueInWorkingDays: v.dueInWorkingDays } : {}),
        ...(v.recurrence === 'once' && !v.workingDays && v.dueAt ? { dueAt: v.dueAt.toISOString() } : {}),
      });
      form.resetFields();
      onIssued(task);
    } catch (e) {
      void message.error(e instanceof ApiError ? e.messageIn(locale) : String(e));
    } finally {
      setSending(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('issueTask')}
      width={760}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('cancel')}
        </Button>,
        <Button
          key="send"
          type="primary"
          loading={sending}
          onClick={() => void send()}
          data-testid="task-send"
        >
          {t('issueTask')}
        </Button>,
      ]}
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          recurrence: 'once',
          workingDays: false,
          dueInWorkingDays: 3,
          items: [{ title: '', evidence: 'photo', maxScore: 10 }],
        }}
      >
        <Form.Item name="title" label={t('taskTitle')} rules={[{ required: true, max: 120 }]}>
          <Input data-testid="task-title" />
        </Form.Item>
        <Form.Item name="instructions" label={t('taskInstructions')} rules={[{ max: 4000 }]}>
          <Input.TextArea rows={3} data-testid="task-instructions" />
        </Form.Item>
        <Form.Item name="assignees" label={t('assignees')} rules={[{ required: true }]}>
          <TreeSelect
            multiple
            showSearch
            treeNodeFilterProp="title"
            treeData={tree}
            placeholder={t('assignees')}
            data-testid="task-assignees"
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Space wrap>
          <Form.Item name="recurrence" label={t('recurrence')}>
            <Select
              style={{ width: 140 }}
              data-testid="task-recurrence"
              options={(['once', 'daily', 'weekly', 'monthly'] as const).map((r) => ({
                value: r,
                label: r === 'once' ? t('recurrenceOnce') : t(`recurrence_${r}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="workingDays" label={t('taskWorkingDays')} valuePropName="checked">
            <Switch data-testid="task-working-days" />
          </Form.Item>
          {recurrence === 'once' && !workingDays && (
            <Form.Item name="dueAt" label={t('dueAt')} rules={[{ required: true }]}>
              <DatePicker showTime data-testid="task-due" />
            </Form.Item>
          )}
          {recurrence === 'once' && workingDays && (
            <Form.Item
              name="dueInWorkingDays"
              label={t('taskDueInWorkingDays')}
              rules={[{ required: true, type: 'integer', min: 1, max: 60 }]}
            >
              <InputNumber min={1} max={60} precision={0} data-testid="task-due-working-days" />
            </Form.Item>
          )}
        </Space>
        {workingDays && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="task-working-days-hint"
            message={recurrence === 'once' ? t('taskWorkingDaysOnceHint') : t('taskWorkingDaysRecurringHint')}
          />
        )}
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <>
              <div style={{ marginBottom: 8, fontWeight: 600 }}>{t('taskItems')}</div>
              {fields.map((field, i) => (
                <Space key={field.key} align="baseline" wrap data-testid={`task-item-${i}`}>
                  <Form.Item name={[field.name, 'title']} rules={[{ required: true, max: 200 }]}>
                    <Input
                      placeholder={t('itemTitle')}
                      style={{ width: 220 }}
                      data-testid={`task-item-title-${i}`}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'evidence']} rules={[{ required: true }]}>
                    <Select
                      style={{ width: 120 }}
                      data-testid={`task-item-evidence-${i}`}
                      options={EVIDENCE_KINDS.map((k) => ({ value: k, label: t(`evidence_${k}`) }))}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'maxScore']} rules={[{ required: true }]}>
                    <InputNumber min={1} max={100} addonBefore={t('maxScore')} style={{ width: 150 }} />
                  </Form.Item>
                  <Form.Item noStyle shouldUpdate>
                    {() =>
                      form.getFieldValue(['items', field.name, 'evidence']) === 'checkin' ? (
                        <Form.Item name={[field.name, 'radiusM']} initialValue={300}>
                          <InputNumber
                            min={20}
                            max={5000}
                            addonBefore={t('radiusM')}
                            style={{ width: 200 }}
                          />
                        </Form.Item>
                      ) : null
                    }
                  </Form.Item>
                  {fields.length > 1 && <Button onClick={() => remove(field.name)}>−</Button>}
                </Space>
              ))}
              <Button
                onClick={() => add({ title: '', evidence: 'text', maxScore: 10 })}
                data-testid="task-add-item"
              >
                {t('addItem')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
