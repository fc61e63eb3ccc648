import { App, Button, Modal, Progress, Table, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/client';
import { useI18n } from '../../i18n';
import { type ImportJob, importJob, uploadRoster } from '../../registry/api';

const POLL_MS = 500;

/** Uploads a roster, then follows the import job until it is done and shows what was refused and why. */
export function ImportRosterButton({ unitId, onDone }: { unitId: string; onDone(): void }) {
  const { t, locale, pick } = useI18n();
  const { message } = App.useApp();
  const [job, setJob] = useState<ImportJob | null>(null);

  useEffect(() => {
    if (!job || job.status === 'done' || job.status === 'failed') return;
    const timer = setTimeout(() => {
      void importJob(job.id)
        .then((next) => {
          setJob(next);
          if (next.status === 'done') onDone();
        })
        .catch(() => setJob({ ...job }));
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [job, onDone]);

  const start = async (file: File) => {
    try {
      setJob(await uploadRoster(unitId, file));
    } catch (e) {
      void message.error(e instanceof ApiError ? e.messageIn(locale) : String(e));
    }
  };
  const finished = job?.status === 'done';

  return (
    <>
      <Upload
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        showUploadList={false}
        beforeUpload={(file) => {
          void start(file);
          return false;
        }}
      >
        <Button type="primary" data-testid="import-roster">
          {t('importRoster')}
        </Button>
      </Upload>
      <Modal
        open={!!job}
        title={t('importRoster')}
        width={Math.min(760, window.innerWidth)}
        onCancel={() => setJob(null)}
        footer={
          finished || job?.status === 'failed' ? (
            <Button onClick={() => setJob(null)}>{t('ok')}</Button>
          ) : null
        }
        closable={finished || job?.status === 'failed'}
        maskClosable={false}
      >
        {job && (
          <>
            <div data-testid="import-progress">
              <Progress
                percent={job.total ? Math.round((job.processed / job.total) * 100) : 100}
                status={job.status === 'failed' ? 'exception' : finished ? 'success' : 'active'}
              />
            </div>
            <Typography.Paragraph data-testid="import-status">
              {job.status === 'failed'
                ? t('importFailed')
                : finished
                  ? t('importDone', {
                      imported: job.imported,
                      unchanged: job.unchanged,
                      rejected: job.rejected.length,
                    })
                  : t('importing', { processed: job.processed, total: job.total })}
            </Typography.Paragraph>
            {finished && job.rejected.length > 0 && (
              <>
                <Typography.Title level={5}>
                  {t('rejectedRows')}{' '}
                  <Typography.Link
                    href={`/api/v1/registry/imports/${job.id}/rejected.xlsx`}
                    style={{ fontSize: 14 }}
                  >
                    {t('downloadRejected')}
                  </Typography.Link>
                </Typography.Title>
                <Table
                  rowKey="line"
                  size="small"
                  data-testid="rejected-rows"
                  pagination={{ pageSize: 10 }}
                  dataSource={job.rejected}
                  columns={[
                    { title: t('rowNumber'), dataIndex: 'line', width: 70 },
                    { title: t('personName'), dataIndex: 'name', width: 100 },
                    { title: t('rejectReasons'), render: (_, r) => r.reasons.map((x) => pick(x)).join('；') },
                  ]}
                />
              </>
            )}
          </>
        )}
      </Modal>
    </>
  );
}
