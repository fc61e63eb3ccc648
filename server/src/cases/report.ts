import type { CaseReceipt, ReportInput } from '@domain/cases/schemas';
import { AppError } from '@domain/errors/codes';
import { eq } from 'drizzle-orm';
import type { Database, Db } from '../db/client';
import { cases } from '../db/schema';
import type { ReportIntake } from './intake';

export interface ReportResult {
  receipt: CaseReceipt;
  created: boolean;
}

/**
 * Files a case. The phone's id makes it idempotent: the same report sent twice (a retry after a
 * lost answer, or two taps at once) yields one case, and the second caller gets that case back.
 */
export async function reportCase(
  database: Database,
  intake: ReportIntake,
  reporterId: string,
  input: ReportInput,
  options: { perMinute: number | null; at?: Date },
): Promise<ReportResult> {
  const at = options.at ?? new Date();
  const { db } = database;
  let filed: CaseReceipt | undefined;
  try {
    filed = await intake.file({ reporterId, input, at, perMinute: options.perMinute });
  } catch (error) {
    // A retry of a report that went through gets its case, even if the catalogue or map moved since.
    const earlier = error instanceof AppError ? await findOwnReport(db, reporterId, input.id) : undefined;
    if (earlier) return { receipt: earlier, created: false };
    throw error;
  }
  if (filed) return { receipt: filed, created: true };
  const earlier = await findOwnReport(db, reporterId, input.id);
  if (earlier) return { receipt: earlier, created: false };
  // Nothing was written and no case has this id: another report took one of the photos meanwhile.
  throw new AppError('PHOTO_UNKNOWN');
}

async function findOwnReport(db: Db, reporterId: string, id: string): Promise<CaseReceipt | undefined> {
  const [row] = await db
    .select({
      id: cases.id,
      townId: cases.townId,
      status: cases.status,
      reporterId: cases.reporterId,
      reportedAt: cases.reportedAt,
      stageDueAt: cases.stageDueAt,
    })
    .from(cases)
    .where(eq(cases.id, id));
  if (!row) return undefined;
  if (row.reporterId !== reporterId) throw new AppError('CASE_ID_TAKEN');
  return {
    id: row.id,
    townId: row.townId,
    status: row.status as CaseReceipt['status'],
    reportedAt: row.reportedAt.toISOString(),
    stageDueAt: row.stageDueAt?.toISOString() ?? null,
  };
}
