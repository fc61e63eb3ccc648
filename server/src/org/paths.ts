/** Materialised paths look like `/<id>/<id>/`: a unit's path is its parent's path plus its own id. */
export function childPath(parentPath: string | null, id: string): string {
  return `${parentPath ?? '/'}${id}/`;
}

export function idsOfPath(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/** Escapes LIKE wildcards; ids never contain them, but a path prefix is still user-derived input. */
export function likePrefix(path: string): string {
  return `${path.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
