// npx tsx bench/heap-diff.ts a.heapsnapshot b.heapsnapshot [c.heapsnapshot] — what a page kept.
//
// With two snapshots: the objects alive in b that were not yet in a, grouped by kind and constructor.
// With three (the usual way to find a leak): the objects born between a and b that are still alive in
// c, so that what was only passing through is left out. Each group lists its count and bytes, and for
// the largest groups one retaining path from a GC root, which names the code that holds on.
// V8 keeps an object's id across the snapshots of one page, which is what makes the comparison work.
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

class Snapshot {
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

const files = process.argv.slice(2);
if (files.length < 2 || files.length > 3) {
  console.error('usage: tsx bench/heap-diff.ts a.heapsnapshot b.heapsnapshot [c.heapsnapshot]');
  process.exit(2);
}
const [first, second, third] = files.map((f) => Snapshot.read(f)) as [Snapshot, Snapshot, Snapshot?];
const before = first.ids();
const bornIds = new Set<number>();
for (let n = 0; n < second.count; n++) if (!before.has(second.id(n))) bornIds.add(second.id(n));
const kept = third ?? second;
const groups = new Map<string, { count: number; bytes: number; sample: number }>();
for (let n = 0; n < kept.count; n++) {
  if (!bornIds.has(kept.id(n))) continue;
  const key = `${kept.type(n)} ${kept.name(n).slice(0, 80)}`;
  const group = groups.get(key);
  if (group) {
    group.count++;
    group.bytes += kept.size(n);
  } else groups.set(key, { count: 1, bytes: kept.size(n), sample: n });
}
const rows = [...groups.entries()].sort((a, b) => b[1].bytes - a[1].bytes);
const total = rows.reduce((s, [, g]) => s + g.bytes, 0);
console.log(
  `${third ? 'born between the first two, alive in the third' : 'new in the second'}: ${rows.reduce((s, [, g]) => s + g.count, 0)} objects, ${(total / 1024).toFixed(1)} KB`,
);
for (const [key, g] of rows.slice(0, 40))
  console.log(`${String(g.count).padStart(7)} ${(g.bytes / 1024).toFixed(1).padStart(9)} KB  ${key}`);
for (const [key, g] of rows.filter(([k]) => !k.startsWith('code ') && !k.startsWith('hidden ')).slice(0, 8)) {
  console.log(`\n${key}:`);
  for (const step of kept.pathTo(g.sample)) console.log(`    ${step}`);
}
