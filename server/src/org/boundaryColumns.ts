import { bboxOf, type GeoBoundary } from '@domain/org/geo';

/** The boundary with its bounding box, which SQL uses to prefilter point lookups on both databases. */
export function boundaryColumns(boundary: GeoBoundary | null) {
  const bbox = boundary ? bboxOf(boundary) : null;
  return {
    boundary,
    minLng: bbox?.minLng ?? null,
    minLat: bbox?.minLat ?? null,
    maxLng: bbox?.maxLng ?? null,
    maxLat: bbox?.maxLat ?? null,
  };
}
