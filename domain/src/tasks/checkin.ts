/** Great-circle distance in metres (haversine on a sphere of the Earth's mean radius). */
export function distanceMeters(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const R = 6_371_008.8;
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A check-in counts when the phone is within the item's radius of the unit's centre. */
export function checkinWithin(
  at: { lat: number; lng: number },
  center: { lat: number; lng: number } | null,
  radiusM: number,
): { ok: boolean; distanceM: number | null } {
  if (!center) return { ok: false, distanceM: null };
  const distanceM = Math.round(distanceMeters(at, center));
  return { ok: distanceM <= radiusM, distanceM };
}
