import { Name } from '../shared/schemas';
import {
  birthDateOfIdNumber,
  idNumberProblem,
  isValidBirthDate,
  isValidPhone,
  normaliseIdNumber,
} from './identity';
import {
  GENDER_LABELS,
  type Gender,
  RELATION_LABELS,
  RESIDENT_TAG_LABELS,
  type Relation,
  type ResidentTag,
} from './schemas';

/** The roster's columns, in the order of the downloadable template; headers are what officials write. */
export const ROSTER_COLUMNS = [
  { key: 'courtyard', zh: '小院', en: 'Courtyard', width: 16 },
  { key: 'address', zh: '门牌号', en: 'Address', width: 16 },
  { key: 'name', zh: '姓名', en: 'Name', width: 12 },
  { key: 'relation', zh: '与户主关系', en: 'Relation to head', width: 12 },
  { key: 'gender', zh: '性别', en: 'Gender', width: 8 },
  { key: 'birthDate', zh: '出生日期', en: 'Birth date', width: 14 },
  { key: 'phone', zh: '手机号', en: 'Phone', width: 16 },
  { key: 'idNumber', zh: '身份证号', en: 'ID number', width: 22 },
  { key: 'tags', zh: '标签', en: 'Tags', width: 24 },
] as const;
export type RosterKey = (typeof ROSTER_COLUMNS)[number]['key'];
export type RawRosterRow = Record<RosterKey, string>;

export const REJECT_REASONS = {
  MISSING_COURTYARD: { zh: '未填写小院', en: 'No courtyard given' },
  UNKNOWN_COURTYARD: { zh: '小院不存在或不在本单元内', en: 'No such courtyard in this unit' },
  MISSING_ADDRESS: { zh: '未填写门牌号', en: 'No address given' },
  MISSING_NAME: { zh: '未填写姓名', en: 'No name given' },
  BAD_RELATION: { zh: '与户主关系无法识别', en: 'Relation to the head not recognised' },
  BAD_GENDER: { zh: '性别无法识别', en: 'Gender not recognised' },
  BAD_BIRTH_DATE: { zh: '出生日期无效', en: 'Birth date is not a valid date' },
  BIRTH_DATE_MISMATCH: { zh: '出生日期与身份证号不一致', en: 'Birth date differs from the ID number' },
  BAD_PHONE: { zh: '手机号格式不正确', en: 'Phone is not an 11-digit mainland mobile number' },
  MISSING_ID_NUMBER: { zh: '未填写身份证号', en: 'No ID number given' },
  BAD_ID_NUMBER: { zh: '身份证号格式不正确', en: 'ID number is malformed' },
  BAD_ID_CHECKSUM: { zh: '身份证号校验位错误', en: 'ID number check character is wrong' },
  BAD_TAG: { zh: '标签无法识别', en: 'Tag not recognised' },
  DUPLICATE_IN_FILE: { zh: '身份证号在文件中重复', en: 'ID number repeats an earlier row of the file' },
  DUPLICATE_OF_EXISTING: {
    zh: '身份证号已登记在其他户',
    en: 'ID number is already registered in another household',
  },
} as const;
export type RejectReason = keyof typeof REJECT_REASONS;

export interface RosterRow {
  courtyard: string;
  address: string;
  name: string;
  relation: Relation;
  gender: Gender;
  birthDate: string;
  phone: string | null;
  idNumber: string;
  tags: ResidentTag[];
}

function byLabel<K extends string>(labels: Record<K, { zh: string; en: string }>, text: string): K | null {
  const t = text.trim().toLowerCase();
  for (const [key, label] of Object.entries(labels) as [K, { zh: string; en: string }][]) {
    if (t === label.zh || t === label.en.toLowerCase() || t === key) return key;
  }
  return null;
}

/** Excel hands dates back as dates, numbers or text; officials type 1990/1/2, 1990.01.02 or 19900102. */
export function normaliseDate(text: string): string {
  const t = text.trim();
  const m = /^(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?$/.exec(t);
  if (!m) return t;
  return `${m[1]}-${(m[2] as string).padStart(2, '0')}-${(m[3] as string).padStart(2, '0')}`;
}

/**
 * Checks one row on its own (the checks needing the database, courtyards and duplicates, come
 * after). Gender and birth date may be left empty: the ID number carries both.
 */
export function parseRosterRow(raw: RawRosterRow): { row: RosterRow } | { reasons: RejectReason[] } {
  const reasons: RejectReason[] = [];
  const courtyard = raw.courtyard.trim();
  const address = raw.address.trim();
  if (!courtyard) reasons.push('MISSING_COURTYARD');
  if (!address || address.length > 100) reasons.push('MISSING_ADDRESS');
  const name = Name.safeParse(raw.name);
  if (!name.success) reasons.push('MISSING_NAME');

  const idNumber = normaliseIdNumber(raw.idNumber);
  const idProblem = idNumber ? idNumberProblem(idNumber) : null;
  if (!idNumber) reasons.push('MISSING_ID_NUMBER');
  else if (idProblem === 'checksum') reasons.push('BAD_ID_CHECKSUM');
  else if (idProblem) reasons.push('BAD_ID_NUMBER');
  const idOk = idNumber !== '' && idProblem === null;

  const relation = raw.relation.trim() ? byLabel(RELATION_LABELS, raw.relation) : 'other';
  if (!relation) reasons.push('BAD_RELATION');

  let gender: Gender | null = raw.gender.trim() ? byLabel(GENDER_LABELS, raw.gender) : null;
  if (raw.gender.trim() && !gender) reasons.push('BAD_GENDER');
  if (!gender && idOk) gender = Number(idNumber[16]) % 2 === 1 ? 'male' : 'female';

  let birthDate = normaliseDate(raw.birthDate);
  if (birthDate && !isValidBirthDate(birthDate)) reasons.push('BAD_BIRTH_DATE');
  else if (birthDate && idOk && birthDate !== birthDateOfIdNumber(idNumber))
    reasons.push('BIRTH_DATE_MISMATCH');
  if (!birthDate && idOk) birthDate = birthDateOfIdNumber(idNumber);

  const phone = raw.phone.replace(/[\s-]/g, '');
  if (phone && !isValidPhone(phone)) reasons.push('BAD_PHONE');

  const tags: ResidentTag[] = [];
  for (const part of raw.tags.split(/[、,，;；\s]+/).filter(Boolean)) {
    const tag = byLabel(RESIDENT_TAG_LABELS, part);
    if (!tag) reasons.push('BAD_TAG');
    else if (!tags.includes(tag)) tags.push(tag);
  }

  if (reasons.length > 0 || !gender || !relation) return { reasons: [...new Set(reasons)] };
  return {
    row: {
      courtyard,
      address,
      name: name.data as string,
      relation,
      gender,
      birthDate,
      phone: phone || null,
      idNumber,
      tags,
    },
  };
}
