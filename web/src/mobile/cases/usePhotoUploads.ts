import type { ImageUploadItem } from 'antd-mobile';
import { useCallback, useState } from 'react';
import { type UploadedPhoto, uploadPhoto } from '../../api/photos';

/**
 * Photos for a form, uploaded as they are picked. `uploading` stays true while any is still on its
 * way, so a form cannot be sent with a photo silently missing.
 */
export function usePhotoUploads(onUploaded?: (photo: UploadedPhoto) => void) {
  const [photos, setPhotos] = useState<ImageUploadItem[]>([]);
  const [inFlight, setInFlight] = useState(0);
  const upload = useCallback(
    async (file: File): Promise<ImageUploadItem> => {
      setInFlight((n) => n + 1);
      try {
        const photo = await uploadPhoto(file);
        onUploaded?.(photo);
        return { key: photo.id, url: photo.thumbUrl };
      } finally {
        setInFlight((n) => n - 1);
      }
    },
    [onUploaded],
  );
  return { photos, setPhotos, upload, uploading: inFlight > 0, photoIds: photos.map((p) => String(p.key)) };
}
