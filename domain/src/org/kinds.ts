import { z } from 'zod';

/** The five levels of the org tree, top to bottom (区县 → 镇街 → 村社 → 网格 → 小院). */
export const UNIT_KINDS = ['district', 'town', 'village', 'grid', 'courtyard'] as const;
export const UnitKind = z.enum(UNIT_KINDS);
export type UnitKind = z.infer<typeof UnitKind>;

export const UNIT_KIND_LABELS: Record<UnitKind, { zh: string; en: string }> = {
  district: { zh: '区县', en: 'District' },
  town: { zh: '镇街', en: 'Town' },
  village: { zh: '村社', en: 'Village / community' },
  grid: { zh: '网格', en: 'Grid' },
  courtyard: { zh: '小院', en: 'Courtyard' },
};

/** The kind a child of `parent` must have; null when `parent` is a leaf (courtyard). */
export function childKindOf(parent: UnitKind): UnitKind | null {
  const i = UNIT_KINDS.indexOf(parent);
  return UNIT_KINDS[i + 1] ?? null;
}

export function depthOf(kind: UnitKind): number {
  return UNIT_KINDS.indexOf(kind);
}

/** The four sectors (四板块) every town has. */
export const SECTOR_KINDS = ['party', 'economy', 'livelihood', 'safety'] as const;
export const SectorKind = z.enum(SECTOR_KINDS);
export type SectorKind = z.infer<typeof SectorKind>;

export const SECTOR_LABELS: Record<SectorKind, { zh: string; en: string }> = {
  party: { zh: '党的建设', en: 'Party building' },
  economy: { zh: '经济发展', en: 'Economic development' },
  livelihood: { zh: '民生服务', en: 'Livelihood services' },
  safety: { zh: '平安法治', en: 'Safety and rule of law' },
};
