import { ApiError, currentCsrfToken, type Problem } from './client';

export interface UploadedPhoto {
  id: string;
  url: string;
  thumbUrl: string;
  gps: { lat: number; lng: number } | null;
}

/** One photo per request: on a weak signal a failed upload is retried alone, not the whole report. */
export async function uploadPhoto(file: File): Promise<UploadedPhoto> {
  const form = new FormData();
  form.append('photo', file, file.name);
  const res = await fetch('/api/v1/photos', {
    method: 'POST',
    body: form,
    credentials: 'same-origin',
    headers: { 'x-csrf-token': currentCsrfToken() },
  });
  const data = await res.json().catch(() => null);
  if (!res.ok)
    throw new ApiError(
      (data ?? {
        status: res.status,
        code: 'UPLOAD_FAILED',
        title: 'upload failed',
        messages: { 'zh-CN': '上传失败', en: 'Upload failed' },
      }) as Problem,
    );
  return (data as UploadedPhoto[])[0] as UploadedPhoto;
}
