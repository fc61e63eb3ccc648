import { z } from 'zod';
import { Id, Name } from '../shared/schemas';

/**
 * Kinds of facility (设施) a QR label goes on, each with the catalogue matter its reports are filed
 * under and the problems a passer-by may tap. A town that renames a matter keeps its code, so the code
 * is what ties a kind to the catalogue.
 */
export const FACILITY_KINDS = ['bin', 'streetlight', 'manhole', 'toilet', 'water_point', 'fitness'] as const;
export const FacilityKind = z.enum(FACILITY_KINDS);
export type FacilityKind = z.infer<typeof FacilityKind>;

export const FACILITY_PROBLEMS = ['full', 'broken', 'other'] as const;
export const FacilityProblem = z.enum(FACILITY_PROBLEMS);
export type FacilityProblem = z.infer<typeof FacilityProblem>;

export const FACILITY_KIND_INFO: Record<
  FacilityKind,
  { zh: string; en: string; matterCode: string; problems: readonly FacilityProblem[] }
> = {
  bin: { zh: '垃圾桶', en: 'Bin', matterCode: 'ENV-01', problems: ['full', 'broken', 'other'] },
  streetlight: { zh: '路灯', en: 'Streetlight', matterCode: 'MUNI-01', problems: ['broken', 'other'] },
  manhole: { zh: '井盖', en: 'Manhole cover', matterCode: 'MUNI-02', problems: ['broken', 'other'] },
  toilet: { zh: '公厕', en: 'Public toilet', matterCode: 'MUNI-03', problems: ['full', 'broken', 'other'] },
  water_point: { zh: '取水点', en: 'Water point', matterCode: 'WATER-03', problems: ['broken', 'other'] },
  fitness: { zh: '健身器材', en: 'Fitness equipment', matterCode: 'MUNI-04', problems: ['broken', 'other'] },
};

export const FACILITY_PROBLEM_LABELS: Record<FacilityProblem, { zh: string; en: string }> = {
  full: { zh: '满了', en: 'Full' },
  broken: { zh: '坏了', en: 'Broken' },
  other: { zh: '其他问题', en: 'Something else' },
};

/** Printed under the QR code and typed by staff: letters, digits and dashes, e.g. WB-BIN-001. */
export const FacilityCode = z
  .string()
  .trim()
  .regex(/^[A-Z0-9][A-Z0-9-]{0,31}$/, 'capital letters, digits and dashes, up to 32');

const Latitude = z.number().min(-90).max(90);
const Longitude = z.number().min(-180).max(180);

export const CreateFacilityInput = z
  .object({
    code: FacilityCode,
    kind: FacilityKind,
    /** Where it stands, as a passer-by would say it: 村委会门口, 3 组路口. */
    place: Name,
    /** The village, grid or courtyard it belongs to. */
    unitId: Id,
    location: z.object({ lat: Latitude, lng: Longitude }).strict(),
    /** The person who answers for it (a cleaner, an electrician); null leaves its reports to the center. */
    workerId: Id.nullable(),
  })
  .strict();
export type CreateFacilityInput = z.infer<typeof CreateFacilityInput>;

export const UpdateFacilityInput = CreateFacilityInput.omit({ code: true }).partial().strict();
export type UpdateFacilityInput = z.infer<typeof UpdateFacilityInput>;

export const FacilityView = z.object({
  id: Id,
  code: z.string(),
  kind: FacilityKind,
  place: z.string(),
  unit: z.object({ id: Id, name: z.string(), trail: z.array(z.string()) }),
  location: z.object({ lat: z.number(), lng: z.number() }),
  worker: z.object({ id: Id, name: z.string() }).nullable(),
  /** Cases opened for it in the period asked for, and reports that joined one of them. */
  cases: z.number().int(),
  alsoReported: z.number().int(),
  openCaseId: Id.nullable(),
});
export type FacilityView = z.infer<typeof FacilityView>;

/** A period as the console picks it; both ends are optional, the list counts all time without them. */
export const FacilityListQuery = z
  .object({
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

/** What a scanned QR code shows before the one tap: the facility, its place, what may be reported. */
export const ScannedFacility = z.object({
  code: z.string(),
  kind: FacilityKind,
  place: z.string(),
  trail: z.array(z.string()),
  problems: z.array(FacilityProblem),
  /** Whether a report goes straight to a named person rather than to the command center. */
  direct: z.boolean(),
});
export type ScannedFacility = z.infer<typeof ScannedFacility>;

export const FacilityReportInput = z
  .object({
    /** Made by the phone, so a retry after a lost answer is the same report. */
    id: Id,
    problem: FacilityProblem,
    note: z.string().trim().max(500).optional(),
    photoIds: z.array(Id).max(9).default([]),
  })
  .strict();
export type FacilityReportInput = z.infer<typeof FacilityReportInput>;

export const FacilityReportResult = z.object({
  caseId: Id,
  /** True when the report joined a case already open for this facility instead of opening one. */
  joined: z.boolean(),
  status: z.string(),
  /** How many people have reported the open case, the first reporter included. */
  reporters: z.number().int(),
  /** The named person the case went to, when it went straight to one. */
  worker: z.string().nullable(),
});
export type FacilityReportResult = z.infer<typeof FacilityReportResult>;

/** A facility as a villager's 爱环境 page lists it: around their own courtyard, ready for one tap. */
export const NearbyFacility = z.object({
  code: z.string(),
  kind: FacilityKind,
  place: z.string(),
  trail: z.array(z.string()),
  /** In the villager's own courtyard (or grid), listed first. */
  mine: z.boolean(),
  /** A case is open for it: a new report would join that case. */
  open: z.boolean(),
});
export type NearbyFacility = z.infer<typeof NearbyFacility>;
