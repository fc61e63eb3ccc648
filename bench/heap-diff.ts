// npx tsx bench/heap-diff.ts a.heapsnapshot b.heapsnapshot [c.heapsnapshot] — what a page kept.
//
// With two snapshots: the objects alive in b that were not yet in a, grouped by kind and constructor.
// With three (the usual way to find a leak): the objects born between a and b that are still alive in
// c, so that what was only passing through is left out. Each group lists its count and bytes, and for
// the largest groups one retaining path from a GC root, which names the code that holds on.
// V8 keeps an object's id across the snapshots of one page, which is what makes the comparison work.
import { Snapshot } from './heap-snapshot';

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
