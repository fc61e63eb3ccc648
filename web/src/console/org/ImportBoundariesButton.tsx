import { App, Button, Upload } from 'antd';
import { ApiError, post } from '../../api/client';
import { useI18n } from '../../i18n';

/** Reads a .geojson file in the browser and sends it; the server matches features to units by code or name. */
export function ImportBoundariesButton({ unitId, onDone }: { unitId: string; onDone(): void }) {
  const { t, locale } = useI18n();
  const { message, modal } = App.useApp();

  const upload = async (file: File) => {
    let collection: unknown;
    try {
      collection = JSON.parse(await file.text());
    } catch {
      await message.error(t('badFile'));
      return;
    }
    try {
      const result = await post<{ updated: number; unmatched: unknown[]; outsideParent: unknown[] }>(
        `/org/units/${unitId}/boundaries`,
        collection,
      );
      modal.info({
        title: t('importBoundaries'),
        content: t('importResult', {
          updated: result.updated,
          unmatched: result.unmatched.length,
          outside: result.outsideParent.length,
        }),
      });
      onDone();
    } catch (e) {
      await message.error(e instanceof ApiError ? e.messageIn(locale) : String(e));
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
