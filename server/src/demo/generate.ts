import type { Role } from '@domain/auth/roles';
import { centroidOf, type GeoPolygon, type LatLng } from '@domain/org/geo';
import { SECTOR_KINDS, type SectorKind, type UnitKind } from '@domain/org/kinds';

/*
 * The demo district: Rongchang, Chongqing, with its real 21 towns and invented villages, grids and
 * courtyards whose boundaries tile their parents exactly. Pure and seeded, so the same seed always
 * yields the same tree and tests, seeds and benchmarks can rely on it.
 */

export interface DemoUnit {
  key: string;
  parentKey: string | null;
  kind: UnitKind;
  name: string;
  code: string;
  center: LatLng;
  boundary: GeoPolygon;
}

export interface DemoPost {
  townKey: string;
  sector: SectorKind;
  name: string;
}

export interface DemoUser {
  phone: string;
  name: string;
  role: Role;
  unitKey: string;
  postName?: string;
}

export interface DemoDistrict {
  units: DemoUnit[];
  posts: DemoPost[];
  users: DemoUser[];
}

export const DEMO_PASSWORD = 'Xiaoyuan@2026';

export const DEMO_DEFAULT_SEED = 20260101;

/** Beyond this the three-digit village serials of the administrative code run out. */
export const DEMO_MAX_SCALE = 20;

const DISTRICT = { name: '荣昌区', code: '500153000000' } as const;

/** In the official order; 街道 are numbered 001–006 and 镇 from 100, as in the national code table. */
const TOWN_NAMES = [
  '昌元街道',
  '昌州街道',
  '广顺街道',
  '双河街道',
  '安富街道',
  '峰高街道',
  '直升镇',
  '万灵镇',
  '龙集镇',
  '清江镇',
  '清升镇',
  '仁义镇',
  '河包镇',
  '古昌镇',
  '吴家镇',
  '观胜镇',
  '铜鼓镇',
  '清流镇',
  '盘龙镇',
  '远觉镇',
  '荣隆镇',
] as const;

/** A slightly skewed quadrilateral of about 0.5° × 0.5° around 29.40°N 105.59°E, counter-clockwise. */
const DISTRICT_CORNERS: Quad = {
  sw: [105.345, 29.152],
  se: [105.838, 29.168],
  ne: [105.826, 29.652],
  nw: [105.352, 29.641],
};

/** Two desks per sector, named as town offices usually name them. */
const POSTS: Record<SectorKind, readonly string[]> = {
  party: ['党建办岗', '组织岗'],
  economy: ['村镇建设岗', '农业服务岗'],
  livelihood: ['社会事务岗', '民政岗'],
  safety: ['综治岗', '应急岗'],
};

/**
 * Places the demo walks through; each is the first child at its level so that it always exists,
 * whatever the seed or scale.
 */
const FEATURED: readonly { town: string; village?: string; courtyard?: string; postName: string }[] = [
  { town: '直升镇', village: '万宝村', courtyard: '椒香小院', postName: '村镇建设岗' },
  { town: '广顺街道', village: '檬梓桥社区', postName: '社会事务岗' },
  { town: '昌州街道', postName: '综治岗' },
  { town: '清江镇', village: '分水社区', courtyard: '涂湾国防小院', postName: '农业服务岗' },
];

/** Fixed rather than seeded, so that the demo logins read the same on every install. */
const USER_NAMES = [
  '王志刚',
  '刘晓燕',
  '陈建华',
  '杨丽',
  '周德明',
  '罗素芬',
  '唐国平',
  '黄桂兰',
  '蒋大勇',
  '张文军',
  '李春梅',
  '何永福',
  '曾秀英',
  '邓学军',
  '谢玉兰',
  '冯长林',
  '吴海燕',
  '赵明亮',
  '徐正平',
  '孙淑珍',
  '胡建明',
  '郭晓红',
  '彭德贵',
  '林志强',
  '钟慧',
  '范成刚',
  '雷桂芳',
  '蔡光辉',
  '潘秀珍',
  '魏大成',
] as const;

const VILLAGE_HEADS = [...'万金石龙凤双安永兴新和平高黄白马梨柏福玉长鹿桃杏杨柳青红田松竹桂花天水三五九罗'];
const VILLAGE_TAILS = [...'宝华林丰胜光明山河云星峰乐泉鸣合庆湖溪阳德'];
const LANDFORMS = [...'桥湾坝堰坡沟岭塘坪岩滩冲井寺'];

const COURTYARD_WORDS = [
  '和美',
  '清风',
  '明月',
  '桂香',
  '兰馨',
  '荷韵',
  '竹韵',
  '梅园',
  '松鹤',
  '康宁',
  '安康',
  '福寿',
  '吉祥',
  '如意',
  '嘉禾',
  '丰年',
  '稻香',
  '柚香',
  '橘香',
  '桃源',
  '杏林',
  '柳岸',
  '枫林',
  '晨曦',
  '朝阳',
  '暖阳',
  '和顺',
  '睦邻',
  '同心',
  '连心',
  '齐心',
  '乐耕',
  '耕读',
  '书香',
  '墨香',
  '茶香',
  '果香',
  '花溪',
  '清溪',
  '碧水',
  '青山',
  '翠竹',
  '幸福',
  '美好',
  '祥和',
  '和谐',
  '友善',
  '仁和',
  '礼让',
  '诚信',
  '乐善',
  '德馨',
  '惠民',
  '宜居',
  '安居',
  '永乐',
  '长乐',
  '常青',
  '春晖',
  '秋实',
  '丰收',
  '锦绣',
];

/** How far interior lattice points may stray, as a share of a cell; below 1/4 every cell stays convex. */
const JITTER = 0.2;

type Pt = readonly [number, number];

/** Corners counter-clockwise from the south-west, [lng, lat]. */
interface Quad {
  sw: Pt;
  se: Pt;
  ne: Pt;
  nw: Pt;
}

type Rng = () => number;

function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randInt(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)] as T;
}

function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Exact at t = 0 and t = 1, so that lattice corners coincide bit for bit with their parent's. */
function lerp(a: Pt, b: Pt, t: number): Pt {
  if (t === 0) return a;
  if (t === 1) return b;
  return [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
}

function bilinear(q: Quad, u: number, v: number): Pt {
  return lerp(lerp(q.sw, q.se, u), lerp(q.nw, q.ne, u), v);
}

/** Height over width in ground distance, so that children come out roughly square on the map. */
function aspectOf(q: Quad): number {
  const kx = Math.cos((((q.sw[1] + q.ne[1]) / 2) * Math.PI) / 180);
  const dist = (a: Pt, b: Pt) => Math.hypot((b[0] - a[0]) * kx, b[1] - a[1]);
  return (dist(q.sw, q.nw) + dist(q.se, q.ne)) / (dist(q.sw, q.se) + dist(q.nw, q.ne));
}

/** Lattice parameters 0, 1/n, …, 1 with the interior ones nudged. */
function jitteredSteps(rng: Rng, n: number): number[] {
  const steps: number[] = [];
  for (let i = 0; i <= n; i++) steps.push(i === 0 || i === n ? i / n : (i + (rng() * 2 - 1) * JITTER) / n);
  return steps;
}

/**
 * Splits a quadrilateral into n quadrilaterals that tile it exactly, in reading order (north-west
 * first). When n fills whole rows the cells form a lattice whose jittered interior points are shared
 * by all four neighbours; otherwise rows of unequal length are separated by straight (tilted) lines,
 * and the cells of adjacent rows meet in T-junctions along them.
 */
function subdivide(rng: Rng, q: Quad, n: number): Quad[] {
  const rows = Math.min(n, Math.max(1, Math.round(Math.sqrt(n * aspectOf(q)))));
  const cells: Quad[] = [];
  if (n % rows === 0) {
    const cols = n / rows;
    const lattice: Pt[][] = [];
    for (let j = 0; j <= rows; j++) {
      const row: Pt[] = [];
      for (let i = 0; i <= cols; i++) {
        const u = i === 0 || i === cols ? i / cols : (i + (rng() * 2 - 1) * JITTER) / cols;
        const v = j === 0 || j === rows ? j / rows : (j + (rng() * 2 - 1) * JITTER) / rows;
        row.push(bilinear(q, u, v));
      }
      lattice.push(row);
    }
    for (let j = rows - 1; j >= 0; j--) {
      const south = lattice[j] as Pt[];
      const north = lattice[j + 1] as Pt[];
      for (let i = 0; i < cols; i++) {
        cells.push({
          sw: south[i] as Pt,
          se: south[i + 1] as Pt,
          ne: north[i + 1] as Pt,
          nw: north[i] as Pt,
        });
      }
    }
    return cells;
  }
  const west = jitteredSteps(rng, rows);
  const east = jitteredSteps(rng, rows);
  const lines = west.map((v, j) => [lerp(q.sw, q.nw, v), lerp(q.se, q.ne, east[j] ?? v)] as const);
  const base = Math.floor(n / rows);
  const longer = n % rows;
  // Rows are laid out north to south; the longer ones go first.
  for (let r = 0; r < rows; r++) {
    const [northW, northE] = lines[rows - r] as readonly [Pt, Pt];
    const [southW, southE] = lines[rows - r - 1] as readonly [Pt, Pt];
    const cols = base + (r < longer ? 1 : 0);
    const top = jitteredSteps(rng, cols);
    const bottom = jitteredSteps(rng, cols);
    for (let i = 0; i < cols; i++) {
      cells.push({
        sw: lerp(southW, southE, bottom[i] ?? 0),
        se: lerp(southW, southE, bottom[i + 1] ?? 1),
        ne: lerp(northW, northE, top[i + 1] ?? 1),
        nw: lerp(northW, northE, top[i] ?? 0),
      });
    }
  }
  return cells;
}

function polygonOf(q: Quad): GeoPolygon {
  return { type: 'Polygon', coordinates: [[[...q.sw], [...q.se], [...q.ne], [...q.nw], [...q.sw]]] };
}

const CN_DIGITS = [...'零一二三四五六七八九'];

/** Chinese numerals as used in names like 第二十一网格 (1–999). */
function cnNumber(n: number): string {
  if (n < 10) return CN_DIGITS[n] ?? String(n);
  if (n < 20) return `十${n % 10 === 0 ? '' : CN_DIGITS[n % 10]}`;
  if (n < 100) return `${CN_DIGITS[Math.floor(n / 10)]}十${n % 10 === 0 ? '' : CN_DIGITS[n % 10]}`;
  if (n < 1000) {
    const rest = n % 100;
    const tail =
      rest === 0
        ? ''
        : rest < 10
          ? `零${CN_DIGITS[rest]}`
          : rest < 20
            ? `一${cnNumber(rest)}`
            : cnNumber(rest);
    return `${CN_DIGITS[Math.floor(n / 100)]}百${tail}`;
  }
  return String(n);
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

function townCode(index: number): string {
  const isStreet = TOWN_NAMES[index]?.endsWith('街道') ?? false;
  const serial = isStreet ? index + 1 : 100 + index - TOWN_NAMES.findIndex((n) => n.endsWith('镇'));
  return `500153${pad(serial, 3)}000`;
}

/**
 * Gives the central cells to 街道, as the urban core sits in the middle of the district, and deals
 * the rest to 镇 clockwise from the north, so that consecutive towns are neighbours on the map.
 */
function assignTownCells(cells: readonly Quad[], districtCenter: LatLng): Quad[] {
  const placed = cells.map((q) => {
    const c = centroidOf(polygonOf(q));
    const dx = c.lng - districtCenter.lng;
    const dy = c.lat - districtCenter.lat;
    return { q, distance: Math.hypot(dx, dy), bearing: (Math.atan2(dx, dy) + 2 * Math.PI) % (2 * Math.PI) };
  });
  const streets = TOWN_NAMES.filter((n) => n.endsWith('街道')).length;
  const byDistance = [...placed].sort((a, b) => a.distance - b.distance);
  const core = byDistance.slice(0, streets);
  const rim = byDistance.slice(streets).sort((a, b) => a.bearing - b.bearing);
  return [...core, ...rim].map((p) => p.q);
}

export function generateDemoDistrict(options: { seed?: number; scale?: number } = {}): DemoDistrict {
  const seed = options.seed ?? DEMO_DEFAULT_SEED;
  const scale = options.scale ?? 1;
  if (!Number.isFinite(seed)) throw new RangeError('seed must be a finite number');
  if (!(scale > 0 && scale <= DEMO_MAX_SCALE))
    throw new RangeError(`scale must be in (0, ${DEMO_MAX_SCALE}]`);

  const rng = mulberry32(seed);
  // Each of the three fan-outs grows by scale^(2/3), so the tree grows by about scale²: scale 10
  // gives ~150k units, enough to benchmark lookups without exhausting memory.
  const fanOut = scale ** (2 / 3);
  const count = (lo: number, hi: number) => Math.max(1, Math.round(randInt(rng, lo, hi) * fanOut));

  const units: DemoUnit[] = [];
  const addUnit = (kind: UnitKind, parentKey: string | null, name: string, code: string, q: Quad) => {
    const boundary = polygonOf(q);
    units.push({ key: code, parentKey, kind, name, code, center: centroidOf(boundary), boundary });
    return code;
  };

  const districtKey = addUnit('district', null, DISTRICT.name, DISTRICT.code, DISTRICT_CORNERS);
  const districtCenter = (units[0] as DemoUnit).center;
  const townCells = assignTownCells(subdivide(rng, DISTRICT_CORNERS, TOWN_NAMES.length), districtCenter);

  const usedVillageNames = new Set(
    FEATURED.flatMap((f) => (f.village ? [f.village.replace(/(村|社区)$/, '')] : [])),
  );
  const villageName = (suffix: string): string => {
    for (;;) {
      const roll = rng();
      const head = pick(rng, VILLAGE_HEADS);
      const stem =
        roll < 0.4
          ? head + pick(rng, VILLAGE_TAILS)
          : roll < 0.7
            ? head + pick(rng, LANDFORMS)
            : head + pick(rng, VILLAGE_TAILS) + pick(rng, LANDFORMS);
      if (!usedVillageNames.has(stem)) {
        usedVillageNames.add(stem);
        return stem + suffix;
      }
    }
  };

  const posts: DemoPost[] = [];
  const firstPath = new Map<string, { town: string; village: string; grid: string; courtyard: string }>();

  TOWN_NAMES.forEach((townName, t) => {
    const townKey = addUnit('town', districtKey, townName, townCode(t), townCells[t] as Quad);
    for (const sector of SECTOR_KINDS) {
      for (const name of POSTS[sector]) posts.push({ townKey, sector, name });
    }

    const featured = FEATURED.find((f) => f.town === townName);
    const suffix = townName.endsWith('街道') ? '社区' : '村';
    let communitySerial = 0;
    let villageSerial = 200;
    const villageCells = subdivide(rng, townCells[t] as Quad, count(4, 7));

    villageCells.forEach((villageCell, v) => {
      const name = v === 0 && featured?.village ? featured.village : villageName(suffix);
      const serial = name.endsWith('社区') ? ++communitySerial : ++villageSerial;
      const villageKey = addUnit(
        'village',
        townKey,
        name,
        `${townKey.slice(0, 9)}${pad(serial, 3)}`,
        villageCell,
      );

      const words = shuffled(rng, COURTYARD_WORDS);
      let wordIndex = 0;
      const courtyardName = () => {
        const word = words[wordIndex % words.length] as string;
        const round = Math.floor(wordIndex / words.length);
        wordIndex++;
        // Past the word list a village reuses its words with a numeral: 和美二小院.
        return round === 0 ? `${word}小院` : `${word}${cnNumber(round + 1)}小院`;
      };

      subdivide(rng, villageCell, count(3, 5)).forEach((gridCell, g) => {
        const gridKey = addUnit(
          'grid',
          villageKey,
          `第${cnNumber(g + 1)}网格`,
          `${villageKey}-G${pad(g + 1, 2)}`,
          gridCell,
        );
        subdivide(rng, gridCell, count(2, 4)).forEach((courtyardCell, y) => {
          const name = (v === 0 && g === 0 && y === 0 ? featured?.courtyard : undefined) ?? courtyardName();
          const courtyardKey = addUnit(
            'courtyard',
            gridKey,
            name,
            `${gridKey}-Y${pad(y + 1, 2)}`,
            courtyardCell,
          );
          if (v === 0 && g === 0 && y === 0) {
            firstPath.set(townName, {
              town: townKey,
              village: villageKey,
              grid: gridKey,
              courtyard: courtyardKey,
            });
          }
        });
      });
    });
  });

  return { units, posts, users: demoUsers(districtKey, firstPath) };
}

function demoUsers(
  districtKey: string,
  firstPath: ReadonlyMap<string, { town: string; village: string; grid: string; courtyard: string }>,
): DemoUser[] {
  const users: DemoUser[] = [];
  const add = (role: Role, unitKey: string, postName?: string) => {
    const n = users.length;
    // 13800000001 onwards, so the first logins are easy to type during a demo.
    const user: DemoUser = {
      phone: `138${pad(n + 1, 8)}`,
      name: USER_NAMES[n] ?? `演示用户${n + 1}`,
      role,
      unitKey,
    };
    if (postName) user.postName = postName;
    users.push(user);
  };
  add('admin', districtKey);
  add('district_supervisor', districtKey);
  for (const f of FEATURED) {
    const path = firstPath.get(f.town);
    if (!path) throw new Error(`featured town ${f.town} was not generated`);
    add('center_operator', path.town);
    add('post_staff', path.town, f.postName);
    add('grid_worker', path.grid);
    add('courtyard_head', path.courtyard);
    add('party_member', path.courtyard);
    add('resident', path.courtyard);
    add('cleaner', path.village);
  }
  return users;
}
