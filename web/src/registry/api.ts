import type { HouseholdSummary, HouseholdView, RevealField } from '@domain/registry/schemas';
import { ApiError, currentCsrfToken, get, type Problem, post } from '../api/client';

/** The registry calls both apps make; numbers are masked unless `reveal` is called, which is logged. */
export interface ImportJob {
  id: string;
  filename: string;
  status: 'validating' | 'importing' | 'done' | 'failed';
  total: number;
  processed: number;
  imported: number;
  unchanged: number;
  rejected: {
    line: number;
    name: string;
    courtyard: string;
    address: string;
    reasons: { code: string; zh: string; en: string }[];
  }[];
}

export interface RegistryMe {
  binding: {
    status: 'pending' | 'bound' | 'rejected';
    via: string;
    courtyardId: string;
    householdId: string | null;
  } | null;
  boundHousehold: HouseholdView | null;
}

export const households = (unitId: string, after?: string) =>
  get<HouseholdSummary[]>(`/registry/households?unitId=${unitId}&limit=200${after ? `&after=${after}` : ''}`);
/** Every household under a unit, page after page (a grid has a few hundred; a picker wants them all). */
export async function allHouseholds(unitId: string): Promise<HouseholdSummary[]> {
  const all: HouseholdSummary[] = [];
  for (let after: string | undefined; ; ) {
    const page = await households(unitId, after);
    all.push(...page);
    const last = page[page.length - 1];
    if (page.length < 200 || !last) return all;
    after = last.id;
  }
}
export const household = (id: string) => get<HouseholdView>(`/registry/households/${id}`);
export const reveal = (residentId: string, field: RevealField, reason: string) =>
  post<{ value: string }>(`/registry/residents/${residentId}/reveal`, { field, reason });
export const importJob = (id: string) => get<ImportJob>(`/registry/imports/${id}`);
export const registryMe = () => get<RegistryMe>('/registry/me');

/** Sends a roster as multipart; the answer is the job whose progress the page then polls. */
export async function uploadRoster(unitId: string, file: File): Promise<ImportJob> {
  const form = new FormData();
  form.append('file', file, file.name);
  let res: Response;
  try {
    res = await fetch(`/api/v1/registry/imports?unitId=${unitId}`, {
      method: 'POST',
      body: form,
      credentials: 'same-origin',
      headers: { 'x-csrf-token': currentCsrfToken(), accept: 'application/json' },
    });
  } catch {
    throw new ApiError({
      status: 0,
      code: 'NETWORK',
      title: 'network',
      messages: {
        'zh-CN': '网络连接失败，请检查信号后重试',
        en: 'No connection; check the signal and retry',
      },
    });
  }
  const body = (await res.json().catch(() => null)) as ImportJob | Problem | null;
  if (!res.ok || !body)
    throw new ApiError(
      (body as Problem) ?? {
        status: res.status,
        code: 'BAD_GATEWAY',
        title: '',
        messages: { 'zh-CN': '上传失败', en: 'Upload failed' },
      },
    );
  return body as ImportJob;
}
