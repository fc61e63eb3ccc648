import type { WorkCalendar } from '@domain/calendar/workingDays';
import { initialClock } from '@domain/cases/effects';
import type { ReportInput } from '@domain/cases/schemas';
import { AppError, type Bilingual } from '@domain/errors/codes';
import type { LatLng } from '@domain/org/geo';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { newId } from '../platform/ids';
import { batchedEvent } from '../platform/realtime';
import { caseEvent, townCasesTopic } from './events';
import { type Placement, placeAmong, type Where } from './place';
import { type MatterChoice, matterInTown, type PlacesAndMatters } from './placesAndMatters';

/** A report as the route received it. */
export interface ReportRequest {
  reporterId: string;
  input: ReportInput;
  at: Date;
  /** Reports the reporter may file in a minute; null for no limit. */
  perMinute: number | null;
}

/** A report checked and placed, ready to be written. */
export interface PendingReport {
  id: string;
  eventId: string;
  townId: string;
  matterId: string;
  urgency: string;
  description: string;
  reporterId: string;
  /** Reports the reporter may file in a minute; 0 for no limit. */
  perMinute: number;
  anonymous: boolean;
  lat: number | null;
  lng: number | null;
  address: string | null;
  unitId: string;
  unitPath: string;
  villageId: string | null;
  gridId: string | null;
  courtyardId: string | null;
  stage: string;
  stageDueAt: Date;
  dueAt: Date;
  at: Date;
  photoIds: string[];
  /** The inbox title for the town's center operators. */
  title: Bilingual;
  /** The town's live topic, and the live event as JSON, already checked for size. */
  topic: string;
  event: string;
}

const FREE_PHOTOS = sql`
  select id, uploaded_by, gps_lat, gps_lng from photos where id = any(${sql.placeholder('ids')}::uuid[]) and case_id is null
`;

/**
 * Checks and places one report: its photos are read (their GPS may place a report without a fix);
 * places and matters come from memory. Throws an AppError if the report cannot be placed or its
 * matter or photos are unknown.
 */
export async function prepareReport(
  database: Database,
  places: PlacesAndMatters,
  request: ReportRequest,
): Promise<PendingReport> {
  const { input, reporterId } = request;
  const photoIds = [...new Set(input.photoIds)];
  const photos = photoIds.length
    ? await database.prepared<PhotoRow>('report_free_photos', FREE_PHOTOS, { ids: photoIds })
    : [];
  const own = photoIds.map((id) => photos.find((p) => p.id === id));
  if (own.some((p) => p?.uploaded_by !== reporterId)) throw new AppError('PHOTO_UNKNOWN');
  // The phone's fix first; else the first photo's own GPS (read before it was stripped); else the unit picked.
  const fix = own.find((p) => p?.gps_lat != null && p.gps_lng != null);
  const point =
    input.location ?? (fix ? { lat: fix.gps_lat as number, lng: fix.gps_lng as number } : undefined);
  const where: Where = { point, unitId: input.unitId };
  const snapshot = await places.snapshot();
  const found = snapshot.candidates(where, input.matterId);
  const place = placeAmong(where, found.units);
  if (place instanceof AppError) throw place;
  const matter = matterInTown(found.matters, input.matterId, place.townId);
  if (matter instanceof AppError) throw matter;
  return pendingReport(request, photoIds, point, place, matter, snapshot.calendar);
}

function pendingReport(
  request: ReportRequest,
  photoIds: string[],
  point: LatLng | undefined,
  place: Placement,
  matter: MatterChoice,
  calendar: WorkCalendar,
): PendingReport {
  const { reporterId, input, at, perMinute } = request;
  const clock = initialClock(matter.limits, input.urgency, at, matter.workingDays ? calendar : null);
  const live = {
    id: input.id,
    townId: place.townId,
    status: 'reported',
    overdueLevel: 0,
    version: 1,
  } as const;
  return {
    id: input.id,
    eventId: newId(),
    townId: place.townId,
    matterId: matter.id,
    urgency: input.urgency,
    description: input.description,
    reporterId,
    perMinute: perMinute ?? 0,
    anonymous: input.anonymous,
    lat: point?.lat ?? place.unit.centerLat,
    lng: point?.lng ?? place.unit.centerLng,
    address: input.address ?? null,
    unitId: place.unit.id,
    unitPath: place.unit.path,
    villageId: place.villageId,
    gridId: place.gridId,
    courtyardId: place.courtyardId,
    stage: clock.stage,
    stageDueAt: clock.stageDueAt,
    dueAt: clock.dueAt,
    at,
    photoIds,
    title: { zh: `新事件：${matter.name}`, en: `New case: ${matter.name}` },
    topic: townCasesTopic(place.townId),
    event: batchedEvent(townCasesTopic(place.townId), caseEvent(live, 'report')),
  };
}

interface PhotoRow {
  id: string;
  uploaded_by: string;
  gps_lat: number | null;
  gps_lng: number | null;
}
