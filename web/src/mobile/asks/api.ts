import { ApiError, currentCsrfToken, type Problem } from '../../api/client';

/** A recording goes up on its own, before the ask that names it, like a photo. */
export async function uploadVoice(blob: Blob, seconds: number): Promise<{ id: string }> {
  const form = new FormData();
  form.append('seconds', String(Math.max(1, Math.round(seconds))));
  form.append('voice', blob, 'voice');
  const res = await fetch('/api/v1/asks/voice', {
    method: 'POST',
    body: form,
    credentials: 'same-origin',
    headers: { 'x-csrf-token': currentCsrfToken() },
  });
  const data = await res.json().catch(() => null);
  if (!res.ok) {
    throw new ApiError(
      (data ?? {
        status: res.status,
        code: 'UPLOAD_FAILED',
        title: 'upload failed',
        messages: { 'zh-CN': '上传失败', en: 'Upload failed' },
      }) as Problem,
    );
  }
  return data as { id: string };
}
