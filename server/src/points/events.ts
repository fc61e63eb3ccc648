/**
 * Raised when any entry of a village's households is written (award, deduction, reversal, spending),
 * so a village's TV board re-reads its rankings within a second. It carries ids only.
 */
export function villagePointsTopic(villageId: string): string {
  return `points.village.${villageId}`;
}
