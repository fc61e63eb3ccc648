// A V8 heap snapshot as Chromium's DevTools save it (`.heapsnapshot`), read for what the soak and
// bench/heap-diff.ts need: objects by id, kind, constructor and size, and who retains them.
import { readFileSync } from 'node:fs';

interface RawSnapshot {
  snapshot: {
    meta: {
      node_fields: string[];
      node_types: [string[], ...unknown[]];
      edge_fields: string[];
      edge_types: [string[], ...unknown[]];
    };
  };
  nodes: number[];
  edges: number[];
  strings: string[];
}

export class Snapshot {
  readonly nodeFields: number;
  readonly edgeFields: number;
  private readonly typeAt: number;
  private readonly nameAt: number;
  private readonly idAt: number;
  private readonly sizeAt: number;
  private readonly edgeCountAt: number;
  private readonly nodeTypes: string[];
  private readonly edgeTypes: string[];
  /** First edge of each node (by node ordinal), from the running sum of edge counts. */
  private readonly firstEdge: Uint32Array;
  private retainersOf: Map<number, number[]> | null = null;

  constructor(private readonly raw: RawSnapshot) {
    const meta = raw.snapshot.meta;
    this.nodeFields = meta.node_fields.length;
    this.edgeFields = meta.edge_fields.length;
    this.typeAt = meta.node_fields.indexOf('type');
    this.nameAt = meta.node_fields.indexOf('name');
    this.idAt = meta.node_fields.indexOf('id');
    this.sizeAt = meta.node_fields.indexOf('self_size');
    this.edgeCountAt = meta.node_fields.indexOf('edge_count');
    this.nodeTypes = meta.node_types[0];
    this.edgeTypes = meta.edge_types[0];
    const count = raw.nodes.length / this.nodeFields;
    this.firstEdge = new Uint32Array(count + 1);
    for (let n = 0; n < count; n++)
      this.firstEdge[n + 1] =
        (this.firstEdge[n] as number) + (raw.nodes[n * this.nodeFields + this.edgeCountAt] as number);
  }

  static read(file: string) {
    return new Snapshot(JSON.parse(readFileSync(file, 'utf8')) as RawSnapshot);
  }

  get count() {
    return this.raw.nodes.length / this.nodeFields;
  }
  id(n: number) {
    return this.raw.nodes[n * this.nodeFields + this.idAt] as number;
  }
  type(n: number) {
    return this.nodeTypes[this.raw.nodes[n * this.nodeFields + this.typeAt] as number] ?? '?';
  }
  name(n: number) {
    return this.raw.strings[this.raw.nodes[n * this.nodeFields + this.nameAt] as number] ?? '?';
  }
  size(n: number) {
    return this.raw.nodes[n * this.nodeFields + this.sizeAt] as number;
  }
  ids() {
    const ids = new Set<number>();
    for (let n = 0; n < this.count; n++) ids.add(this.id(n));
    return ids;
  }

  /** Self sizes summed by kind of node: `object`, `closure`, `code`, `native` (the browser's own), … */
  bytesByType(): Record<string, number> {
    const bytes: Record<string, number> = {};
    for (let n = 0; n < this.count; n++) bytes[this.type(n)] = (bytes[this.type(n)] ?? 0) + this.size(n);
    return bytes;
  }

  /** One path from a root to node n, shortest first found, walking retainers and skipping weak edges. */
  pathTo(n: number, depth = 12): string[] {
    const retainers = this.retainers();
    const seen = new Set<number>([n]);
    let frontier: { node: number; path: string[] }[] = [{ node: n, path: [this.label(n)] }];
    for (let d = 0; d < depth && frontier.length > 0; d++) {
      const next: typeof frontier = [];
      for (const { node, path } of frontier) {
        for (const edge of retainers.get(node) ?? []) {
          const owner = this.ownerOf(edge);
          if (seen.has(owner)) continue;
          seen.add(owner);
          const step = [`${this.label(owner)} .${this.edgeName(edge)}`, ...path];
          if (this.type(owner) === 'synthetic') return step;
          next.push({ node: owner, path: step });
        }
      }
      frontier = next.slice(0, 2000);
    }
    return frontier[0]?.path ?? [this.label(n)];
  }

  private label(n: number) {
    return `${this.type(n)}:${this.name(n).slice(0, 60)}`;
  }
  private edgeName(edge: number) {
    const type = this.edgeTypes[this.raw.edges[edge] as number];
    const nameOrIndex = this.raw.edges[edge + 1] as number;
    return type === 'element' || type === 'hidden'
      ? `[${nameOrIndex}]`
      : (this.raw.strings[nameOrIndex] ?? '?');
  }
  /** The node whose edge list holds edge (an offset into edges), by binary search over firstEdge. */
  private ownerOf(edge: number) {
    const ordinal = edge / this.edgeFields;
    let lo = 0;
    let hi = this.count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.firstEdge[mid] as number) <= ordinal) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
  private retainers() {
    if (this.retainersOf) return this.retainersOf;
    const map = new Map<number, number[]>();
    const weak = this.edgeTypes.indexOf('weak');
    for (let e = 0; e < this.raw.edges.length; e += this.edgeFields) {
      if (this.raw.edges[e] === weak) continue;
      const to = (this.raw.edges[e + 2] as number) / this.nodeFields;
      const list = map.get(to);
      if (list) list.push(e);
      else map.set(to, [e]);
    }
    this.retainersOf = map;
    return map;
  }
}
