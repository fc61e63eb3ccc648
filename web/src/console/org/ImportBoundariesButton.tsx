import type { BoundaryImportResult } from '@domain/org/schemas';
import { App, Button, Typography, Upload } from 'antd';
import type { z } from 'zod';
import { ApiError, post } from '../../api/client';
import { useI18n } from '../../i18n';

type Result = z.infer<typeof BoundaryImportResult>;

/** Reads a .geojson file in the browser and sends it; the server matches features to units by code or name. */
export function ImportBoundariesButton({ unitId, onDone }: { unitId: string; onDone(): void }) {
  const { t, locale } = useI18n();
  const { message, modal } = App.useApp();

  const upload = async (file: File) => {
    let collection: unknown;
    try {
      collection = JSON.parse(await file.text());
    } catch {
      void message.error(t('badFile'));
      return;
    }
    try {
      const result = await post<Result>(`/org/units/${unitId}/boundaries`, collection);
      modal.info({
        title: t('importBoundaries'),
        width: 520,
        content: <ImportSummary result={result} />,
      });
      onDone();
    } catch (e) {
      void message.error(e instanceof ApiError ? e.messageIn(locale) : String(e));
    }
  };

  return (
    <Upload
      accept=".geojson,.json,application/geo+json,application/json"
      showUploadList={false}
      beforeUpload={(file) => {
        void upload(file);
        return false;
      }}
    >
      <Button>{t('importBoundaries')}</Button>
    </Upload>
  );
}

/** The counts, then what needs a second look: features that matched nothing, units that spill over. */
function ImportSummary({ result }: { result: Result }) {
  const { t } = useI18n();
  return (
    <>
      <Typography.Paragraph data-testid="import-result">
        {t('importResult', {
          updated: result.updated,
          unmatched: result.unmatched.length,
          outside: result.outsideParent.length,
        })}
      </Typography.Paragraph>
      {result.unmatched.length > 0 && (
        <Typography.Paragraph>
          {t('unmatchedFeatures')}：
          {result.unmatched
            .map((f) => [`#${f.index + 1}`, f.code, f.name].filter(Boolean).join(' '))
            .join('；')}
        </Typography.Paragraph>
      )}
      {result.outsideParent.length > 0 && (
        <Typography.Paragraph>
          {t('outsideParent')}：{result.outsideParent.map((u) => u.name).join('、')}
        </Typography.Paragraph>
      )}
    </>
  );
}
