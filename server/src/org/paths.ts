/** Materialised paths look like `/<id>/<id>/`: a unit's path is its parent's path plus its own id. */
export function childPath(parentPath: string | null, id: string): string {
  return `${parentPath ?? '/'}${id}/`;
}

export function idsOfPath(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/** The district a path lies in: its first id. Every unit's path starts at its district. */
export function districtIdOfPath(path: string): string {
  return idsOfPath(path)[0] as string;
}

/** The town a path lies in (its second id), or undefined for a district's own path. */
export function townIdOfPath(path: string): string | undefined {
  return idsOfPath(path)[1];
}

/** The path of the ancestor `depth` ids deep (1 the district, 2 the town); a shallower path is its own. */
export function ancestorPath(path: string, depth: number): string {
  return `/${idsOfPath(path)
    .slice(0, depth)
    .map((id) => `${id}/`)
    .join('')}`;
}

/** Escapes LIKE wildcards; ids never contain them, but a path prefix is still user-derived input. */
export function likePrefix(path: string): string {
  return `${path.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
