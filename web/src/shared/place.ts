/**
 * Where a role is held, as people in the district say it: the district itself goes without saying
 * (直升镇 · 万宝村 · 第一网格), unless the role is held at the district.
 */
export function placeOf(unitTrail: readonly string[], separator = ' · '): string {
  return (unitTrail.length > 1 ? unitTrail.slice(1) : unitTrail).join(separator);
}
