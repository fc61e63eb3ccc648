import { z } from 'zod';
import { ORG_ACTIONS } from '../policies/org';
import { Id, Name } from '../shared/schemas';
import { GeoBoundary, LatLng } from './geo';
import { SectorKind, UnitKind } from './kinds';

/** 12-digit administrative codes down to village; our own `<village>-G01-Y01` style codes below. */
export const UnitCode = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z][0-9A-Za-z-]{0,39}$/, 'letters, digits and dashes, at most 40');

export const OrgUnit = z.object({
  id: Id,
  parentId: Id.nullable(),
  kind: UnitKind,
  name: z.string(),
  code: z.string(),
  depth: z.number().int(),
  townId: Id.nullable(),
  center: LatLng.nullable(),
  hasBoundary: z.boolean(),
  retired: z.boolean(),
  childCount: z.number().int(),
  /** What the signed-in user may do with this unit; the UI shows exactly these actions. */
  can: z.array(z.enum(ORG_ACTIONS)),
});
export type OrgUnit = z.infer<typeof OrgUnit>;

export const OrgUnitDetail = OrgUnit.extend({
  boundary: GeoBoundary.nullable(),
  /** From the top of the tree down to the parent, for breadcrumbs; only what the viewer may see. */
  ancestors: z.array(z.object({ id: Id, name: z.string(), kind: UnitKind })),
});
export type OrgUnitDetail = z.infer<typeof OrgUnitDetail>;

export const CreateUnitInput = z.object({
  parentId: Id,
  name: Name,
  code: UnitCode.optional(),
  center: LatLng.optional(),
  boundary: GeoBoundary.optional(),
});
export type CreateUnitInput = z.infer<typeof CreateUnitInput>;

export const UpdateUnitInput = z
  .object({
    name: Name.optional(),
    code: UnitCode.optional(),
    center: LatLng.nullable().optional(),
    boundary: GeoBoundary.nullable().optional(),
  })
  .strict();
export type UpdateUnitInput = z.infer<typeof UpdateUnitInput>;

export const MoveUnitInput = z.object({ parentId: Id });

export const GeoFeatureCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z
    .array(
      z.object({
        type: z.literal('Feature'),
        properties: z
          .object({ code: z.string().max(40).optional(), name: z.string().max(60).optional() })
          .passthrough()
          .nullable(),
        geometry: GeoBoundary,
      }),
    )
    .min(1)
    .max(5000),
});
export type GeoFeatureCollection = z.infer<typeof GeoFeatureCollection>;

export const BoundaryImportResult = z.object({
  updated: z.number().int(),
  unmatched: z.array(
    z.object({ index: z.number().int(), code: z.string().nullable(), name: z.string().nullable() }),
  ),
  /** Units whose new boundary strays outside their parent's: imported, but worth a look. */
  outsideParent: z.array(z.object({ id: Id, name: z.string() })),
});

export const Post = z.object({
  id: Id,
  name: z.string(),
  sector: SectorKind,
  retired: z.boolean(),
});

export const SectorWithPosts = z.object({
  id: Id,
  kind: SectorKind,
  posts: z.array(Post),
});

export const CreatePostInput = z.object({ sector: SectorKind, name: Name });
export const RenamePostInput = z.object({ name: Name });

export const LocateQuery = z.object({
  lat: z.coerce.number().min(-90).max(90),
  lng: z.coerce.number().min(-180).max(180),
});
