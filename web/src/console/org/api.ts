import type { OrgUnit, OrgUnitDetail } from '@domain/org/schemas';
import { get } from '../../api/client';

/** All children of a unit, following keyset pages to the end. */
export async function allChildren(unitId: string): Promise<OrgUnit[]> {
  const items: OrgUnit[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: OrgUnit[]; nextCursor: string | null } = await get(
      `/org/units/${unitId}/children?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

export const roots = () => get<OrgUnit[]>('/org/roots');
export const unitDetail = (id: string) => get<OrgUnitDetail>(`/org/units/${id}`);
