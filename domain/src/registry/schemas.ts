import { z } from 'zod';
import { Id, Name } from '../shared/schemas';
import { isValidBirthDate, isValidIdNumber, isValidPhone, normaliseIdNumber } from './identity';

export const RESIDENT_TAGS = [
  'living_alone',
  'left_behind_elderly',
  'left_behind_child',
  'disabled',
  'low_income',
  'party_member',
  'veteran',
] as const;
export const ResidentTag = z.enum(RESIDENT_TAGS);
export type ResidentTag = z.infer<typeof ResidentTag>;

export const RESIDENT_TAG_LABELS: Record<ResidentTag, { zh: string; en: string }> = {
  living_alone: { zh: '独居', en: 'Living alone' },
  left_behind_elderly: { zh: '留守老人', en: 'Left-behind elderly' },
  left_behind_child: { zh: '留守儿童', en: 'Left-behind child' },
  disabled: { zh: '残疾人', en: 'Disabled' },
  low_income: { zh: '低保户', en: 'Low income' },
  party_member: { zh: '党员', en: 'Party member' },
  veteran: { zh: '退役军人', en: 'Veteran' },
};

export const RELATIONS = [
  'head',
  'spouse',
  'child',
  'parent',
  'grandchild',
  'grandparent',
  'sibling',
  'other',
] as const;
export const Relation = z.enum(RELATIONS);
export type Relation = z.infer<typeof Relation>;

export const RELATION_LABELS: Record<Relation, { zh: string; en: string }> = {
  head: { zh: '户主', en: 'Head' },
  spouse: { zh: '配偶', en: 'Spouse' },
  child: { zh: '子女', en: 'Child' },
  parent: { zh: '父母', en: 'Parent' },
  grandchild: { zh: '孙子女', en: 'Grandchild' },
  grandparent: { zh: '祖父母', en: 'Grandparent' },
  sibling: { zh: '兄弟姐妹', en: 'Sibling' },
  other: { zh: '其他', en: 'Other' },
};

export const GENDERS = ['male', 'female'] as const;
export const Gender = z.enum(GENDERS);
export type Gender = z.infer<typeof Gender>;
export const GENDER_LABELS: Record<Gender, { zh: string; en: string }> = {
  male: { zh: '男', en: 'Male' },
  female: { zh: '女', en: 'Female' },
};

export const BirthDate = z
  .string()
  .refine((d) => isValidBirthDate(d), 'must be a past date written YYYY-MM-DD');
export const IdNumber = z
  .string()
  .max(40)
  .transform(normaliseIdNumber)
  .refine(isValidIdNumber, 'must be an 18-character ID number with a valid check character');
export const RegistryPhone = z.string().refine(isValidPhone, 'must be an 11-digit mainland mobile number');

/** A doorplate as the village writes it (3组12号); with the courtyard it names the household. */
export const Address = z.string().trim().min(1).max(100);

const residentFields = {
  name: Name,
  relation: Relation,
  gender: Gender,
  birthDate: BirthDate,
  phone: RegistryPhone.nullable(),
  idNumber: IdNumber.nullable(),
  tags: z.array(ResidentTag).max(RESIDENT_TAGS.length),
};
export const ResidentInput = z.object({
  ...residentFields,
  phone: residentFields.phone.default(null),
  idNumber: residentFields.idNumber.default(null),
  tags: residentFields.tags.default([]),
});
export type ResidentInput = z.infer<typeof ResidentInput>;
/** Only the fields sent change; no defaults here, or an edit of tags would wipe the phone. */
export const ResidentPatch = z.object(residentFields).partial();

export const HouseholdInput = z.object({ courtyardId: Id, address: Address });

export const ResidentView = z.object({
  id: Id,
  householdId: Id,
  name: z.string(),
  relation: Relation,
  gender: Gender,
  birthDate: z.string(),
  /** Always masked here; the full value is read through reveal, which is audited. */
  phone: z.string().nullable(),
  idNumber: z.string().nullable(),
  tags: z.array(ResidentTag),
});
export type ResidentView = z.infer<typeof ResidentView>;

export const HouseholdView = z.object({
  id: Id,
  courtyard: z.object({ id: Id, name: z.string() }),
  address: z.string(),
  residents: z.array(ResidentView),
  /** Party members who look after this household (党员联系户). */
  links: z.array(z.object({ userId: Id, name: z.string() })),
  /** What the viewer may do with this record, so the screens show exactly those buttons. */
  can: z.object({ edit: z.boolean(), reveal: z.boolean() }),
});
export type HouseholdView = z.infer<typeof HouseholdView>;

export const HouseholdSummary = z.object({
  id: Id,
  courtyard: z.object({ id: Id, name: z.string() }),
  address: z.string(),
  headName: z.string().nullable(),
  residentCount: z.number(),
  tags: z.array(ResidentTag),
});
export type HouseholdSummary = z.infer<typeof HouseholdSummary>;

export const REVEALABLE_FIELDS = ['idNumber', 'phone'] as const;
export const RevealField = z.enum(REVEALABLE_FIELDS);
export type RevealField = z.infer<typeof RevealField>;
export const RevealInput = z.object({ field: RevealField, reason: z.string().trim().min(2).max(200) });

export const RevealEntry = z.object({
  id: Id,
  at: z.string(),
  actor: z.object({ id: Id, name: z.string() }),
  resident: z.object({ id: Id, name: z.string() }),
  field: RevealField,
  reason: z.string(),
});
