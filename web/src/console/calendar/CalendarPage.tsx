import type { CalendarYearView } from '@domain/calendar/schemas';
import type { CalendarDay } from '@domain/calendar/workingDays';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Form,
  Input,
  List,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, get, put } from '../../api/client';
import { formatDateTime, useI18n } from '../../i18n';

interface Change {
  id: string;
  actorName: string | null;
  at: string;
  added: CalendarDay[];
  removed: CalendarDay[];
  provisional: boolean;
}

/** 工作日历: one year's holidays and adjusted working days, edited by an admin, with its change history. */
export default function CalendarPage() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [years, setYears] = useState<CalendarYearView[]>([]);
  const [year, setYear] = useState<number>(new Date().getFullYear());
  const [days, setDays] = useState<CalendarDay[]>([]);
  const [provisional, setProvisional] = useState(false);
  const [note, setNote] = useState('');
  const [changes, setChanges] = useState<Change[]>([]);
  const [form] = Form.useForm();

  const fail = useCallback(
    (e: unknown) => void message.error(e instanceof ApiError ? e.messageIn(locale) : String(e)),
    [message, locale],
  );
  const load = useCallback(async () => {
    try {
      const all = await get<CalendarYearView[]>('/calendar/years');
      setYears(all);
      const current = all.find((y) => y.year === year);
      setDays(current?.days ?? []);
      setProvisional(current?.provisional ?? true);
      setNote(current?.note ?? '');
      setChanges(await get<Change[]>(`/calendar/years/${year}/changes`));
    } catch (e) {
      fail(e);
    }
  }, [year, fail]);
  useEffect(() => {
    void load();
  }, [load]);

  const addDay = async () => {
    const v = await form.validateFields();
    const date = (v.date as dayjs.Dayjs).format('YYYY-MM-DD');
    setDays((ds) =>
      [...ds.filter((d) => d.date !== date), { date, kind: v.kind, name: v.name.trim() }].sort((a, b) =>
        a.date.localeCompare(b.date),
      ),
    );
    form.resetFields(['date']);
  };
  const save = async () => {
    try {
      await put(`/calendar/years/${year}`, { days, provisional, note });
      void message.success(t('saved'));
      await load();
    } catch (e) {
      fail(e);
    }
  };
  const yearOptions = [...new Set([...years.map((y) => y.year), new Date().getFullYear() + 1, year])]
    .sort()
    .map((y) => ({ value: y, label: String(y) }));
  const dayText = (d: CalendarDay) =>
    `${d.date} ${d.name} (${d.kind === 'holiday' ? t('calendarHoliday') : t('calendarWorkday')})`;

  return (
    <Card
      title={
        <Space>
          {t('calendar')}
          <Select
            value={year}
            options={yearOptions}
            onChange={setYear}
            style={{ width: 100 }}
            data-testid="calendar-year"
          />
          {provisional ? (
            <Tag color="orange" data-testid="calendar-provisional">
              {t('calendarProvisional')}
            </Tag>
          ) : (
            <Tag color="green">{t('calendarOfficial')}</Tag>
          )}
        </Space>
      }
      extra={
        <Button type="primary" onClick={() => void save()} data-testid="calendar-save">
          {t('save')}
        </Button>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {provisional && <Alert type="warning" showIcon message={t('calendarProvisionalHint')} />}
        <Typography.Text type="secondary">{t('calendarRule')}</Typography.Text>
        <Space wrap>
          <Checkbox checked={provisional} onChange={(e) => setProvisional(e.target.checked)}>
            {t('calendarProvisional')}
          </Checkbox>
          <Input
            style={{ width: 420 }}
            value={note}
            maxLength={500}
            onChange={(e) => setNote(e.target.value)}
            placeholder={t('calendarNote')}
          />
        </Space>
        <Form form={form} layout="inline" initialValues={{ kind: 'holiday' }}>
          <Form.Item name="date" rules={[{ required: true }]}>
            <DatePicker
              placeholder={t('calendarDate')}
              disabledDate={(d) => d.year() !== year}
              defaultPickerValue={dayjs(`${year}-01-01`)}
            />
          </Form.Item>
          <Form.Item name="kind">
            <Select
              style={{ width: 140 }}
              options={[
                { value: 'holiday', label: t('calendarHoliday') },
                { value: 'workday', label: t('calendarWorkday') },
              ]}
            />
          </Form.Item>
          <Form.Item name="name" rules={[{ required: true, whitespace: true, max: 30 }]}>
            <Input placeholder={t('calendarDayName')} style={{ width: 180 }} />
          </Form.Item>
          <Button onClick={() => void addDay()}>{t('calendarAddDay')}</Button>
        </Form>
        <Table<CalendarDay>
          rowKey="date"
          size="small"
          dataSource={days}
          pagination={false}
          scroll={{ y: 420 }}
          columns={[
            { title: t('calendarDate'), dataIndex: 'date', width: 130 },
            {
              title: t('calendarKind'),
              render: (_, d) =>
                d.kind === 'holiday' ? (
                  <Tag color="red">{t('calendarHoliday')}</Tag>
                ) : (
                  <Tag color="blue">{t('calendarWorkday')}</Tag>
                ),
            },
            { title: t('calendarDayName'), dataIndex: 'name' },
            {
              title: t('actions'),
              render: (_, d) => (
                <Button
                  size="small"
                  type="link"
                  danger
                  onClick={() => setDays((ds) => ds.filter((x) => x.date !== d.date))}
                >
                  {t('calendarRemoveDay')}
                </Button>
              ),
            },
          ]}
        />
        <Typography.Title level={5}>{t('calendarChanges')}</Typography.Title>
        <List
          size="small"
          dataSource={changes}
          renderItem={(c) => (
            <List.Item>
              <Space direction="vertical" size={0}>
                <Typography.Text>
                  {formatDateTime(c.at, locale)} · {c.actorName ?? '—'}
                  {c.provisional ? ` · ${t('calendarProvisional')}` : ''}
                </Typography.Text>
                {c.added.length > 0 && (
                  <Typography.Text type="success">
                    {t('calendarAdded')}：{c.added.map(dayText).join('；')}
                  </Typography.Text>
                )}
                {c.removed.length > 0 && (
                  <Typography.Text type="danger">
                    {t('calendarRemoved')}：{c.removed.map(dayText).join('；')}
                  </Typography.Text>
                )}
              </Space>
            </List.Item>
          )}
        />
      </Space>
    </Card>
  );
}
