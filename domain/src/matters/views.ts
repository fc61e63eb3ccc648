import { z } from 'zod';
import { SectorKind } from '../org/kinds';
import { Id } from '../shared/schemas';
import { MatterInput, MatterLevel, TimeLimits } from './schemas';

export const MatterView = z.object({
  id: Id,
  parentId: Id.nullable(),
  code: z.string(),
  name: z.string(),
  level: MatterLevel,
  sector: SectorKind,
  post: z.object({ id: Id, name: z.string() }).nullable(),
  isDispute: z.boolean(),
  directToFacilityWorker: z.boolean(),
  workingDays: z.boolean(),
  limits: TimeLimits,
  retired: z.boolean(),
});
export type MatterView = z.infer<typeof MatterView>;

/** What a center operator sends to add a matter; the post is named by id, chosen from the town's posts. */
export const CreateMatterInput = MatterInput.omit({ postName: true }).extend({ postId: Id.nullable() });
/** Without the create defaults: a field left out of a PATCH keeps its value (zod 4 fills defaults inside partial). */
export const UpdateMatterInput = CreateMatterInput.omit({ parentId: true, code: true })
  .extend({ directToFacilityWorker: z.boolean(), workingDays: z.boolean() })
  .partial()
  .strict();
