import type { CaseStatus } from '../cases/states';
import {
  FACILITY_KIND_INFO,
  FACILITY_PROBLEM_LABELS,
  type FacilityKind,
  type FacilityProblem,
} from './schemas';

/**
 * A new report of a facility joins its case while someone still has to go and act on it. Once the
 * worker has resolved it (the bin was emptied), a new report is a new filling of the bin: it opens a
 * new case, so the count of cases per bin is how often it fills.
 */
export const JOINABLE_STATUSES: readonly CaseStatus[] = [
  'reported',
  'accepted',
  'dispatched',
  'in_progress',
  'escalated',
];

/** The URL a facility's QR code holds: short, so the code stays coarse enough for a cheap camera. */
export function facilityUrl(publicBaseUrl: string, code: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/q/${encodeURIComponent(code)}`;
}

/** The case's description, in the field's words: 垃圾桶 WB-001（村委会门口）满了. */
export function facilityCaseDescription(
  f: { kind: FacilityKind; code: string; place: string },
  problem: FacilityProblem,
  note: string | undefined,
): string {
  const head = `${FACILITY_KIND_INFO[f.kind].zh} ${f.code}（${f.place}）${FACILITY_PROBLEM_LABELS[problem].zh}`;
  return note ? `${head}：${note}` : head;
}
