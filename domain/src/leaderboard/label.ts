/**
 * How a household appears on a public board: the head's surname + 家 and the door number
 * (刘家 · 3组12号), never a given name, an ID number or a phone. The door is what neighbours already
 * call the house; the surname alone would not tell the three 张家 of a village apart.
 */

/** Two-character surnames still met in Chongqing's villages; any other name's surname is its first character. */
const COMPOUND_SURNAMES = [
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '宇文',
  '司徒',
  '令狐',
  '夏侯',
  '端木',
  '西门',
];

export function surnameOf(name: string): string {
  const trimmed = name.trim();
  const compound = COMPOUND_SURNAMES.find((s) => trimmed.startsWith(s) && trimmed.length > s.length);
  if (compound) return compound;
  return [...trimmed][0] ?? '';
}

/**
 * The door part of an address: the trailing `3组12号` / `12-3号` / `12号`, which is what a village
 * calls a house; an address without one keeps at most its last eight characters, so a full street
 * address never goes up on the wall.
 */
export function doorOf(address: string): string {
  const trimmed = address.trim().replace(/\s+/g, '');
  const door = /(\d+[组社队])?\d+(-\d+)*号?$/.exec(trimmed);
  if (door) return door[0];
  const chars = [...trimmed];
  return chars.slice(Math.max(0, chars.length - 8)).join('');
}

export function householdLabel(headName: string | null, address: string): string {
  const door = doorOf(address);
  const surname = headName ? surnameOf(headName) : '';
  if (!surname) return door;
  return door ? `${surname}家 · ${door}` : `${surname}家`;
}
