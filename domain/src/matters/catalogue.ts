import type { SectorKind } from '../org/kinds';
import type { MatterInput, StageLimits, TimeLimits } from './schemas';

export type CatalogueEntry = Omit<MatterInput, 'parentId'> & { parentCode: string | null };

const limits = (normal: StageLimits, urgent: StageLimits): TimeLimits => ({ normal, urgent });
/** Hours per stage (accept, dispatch, handle, verify, close): quick jobs, repairs, disputes. */
const QUICK = limits(
  { accept: 2, dispatch: 2, handle: 24, verify: 12, close: 12 },
  { accept: 0.5, dispatch: 0.5, handle: 4, verify: 2, close: 2 },
);
const REPAIR = limits(
  { accept: 2, dispatch: 4, handle: 72, verify: 24, close: 24 },
  { accept: 0.5, dispatch: 1, handle: 24, verify: 4, close: 8 },
);
const DISPUTE = limits(
  { accept: 4, dispatch: 8, handle: 168, verify: 48, close: 24 },
  { accept: 1, dispatch: 2, handle: 48, verify: 8, close: 8 },
);
const SERVICE = limits(
  { accept: 4, dispatch: 8, handle: 120, verify: 24, close: 24 },
  { accept: 1, dispatch: 2, handle: 24, verify: 8, close: 8 },
);

function category(
  code: string,
  name: string,
  sector: SectorKind,
  level: MatterInput['level'],
  l: TimeLimits,
): CatalogueEntry {
  return {
    parentCode: null,
    code,
    name,
    level,
    sector,
    postName: null,
    isDispute: false,
    directToFacilityWorker: false,
    workingDays: false,
    limits: l,
  };
}

function matter(
  parentCode: string,
  code: string,
  name: string,
  o: {
    level: MatterInput['level'];
    sector: SectorKind;
    post: string;
    limits: TimeLimits;
    dispute?: boolean;
    facility?: boolean;
  },
): CatalogueEntry {
  return {
    parentCode,
    code,
    name,
    level: o.level,
    sector: o.sector,
    postName: o.post,
    isDispute: o.dispute ?? false,
    directToFacilityWorker: o.facility ?? false,
    workingDays: false,
    limits: o.limits,
  };
}

/**
 * The default three-level catalogue (镇街、村社、网格三级事项清单) each new town starts from, after the
 * lists Chongqing towns publish: what the grid settles itself, what the village handles, what needs
 * the town's posts. Center operators then edit their own town's copy.
 */
export const DEFAULT_MATTER_CATALOGUE: CatalogueEntry[] = [
  category('ENV', '环境卫生', 'livelihood', 'grid', QUICK),
  matter('ENV', 'ENV-01', '垃圾桶满溢', {
    level: 'grid',
    sector: 'livelihood',
    post: '社会事务岗',
    limits: QUICK,
    facility: true,
  }),
  matter('ENV', 'ENV-02', '乱堆乱放', {
    level: 'grid',
    sector: 'livelihood',
    post: '社会事务岗',
    limits: QUICK,
  }),
  matter('ENV', 'ENV-03', '河道漂浮物', {
    level: 'village',
    sector: 'economy',
    post: '农业服务岗',
    limits: REPAIR,
  }),
  matter('ENV', 'ENV-04', '焚烧秸秆垃圾', {
    level: 'village',
    sector: 'safety',
    post: '应急岗',
    limits: QUICK,
  }),
  matter('ENV', 'ENV-05', '畜禽粪污直排', {
    level: 'town',
    sector: 'economy',
    post: '农业服务岗',
    limits: REPAIR,
  }),

  category('ROAD', '道路桥梁', 'economy', 'town', REPAIR),
  matter('ROAD', 'ROAD-01', '路面破损坑洼', {
    level: 'town',
    sector: 'economy',
    post: '村镇建设岗',
    limits: REPAIR,
  }),
  matter('ROAD', 'ROAD-02', '便民桥损坏', {
    level: 'town',
    sector: 'economy',
    post: '村镇建设岗',
    limits: REPAIR,
  }),
  matter('ROAD', 'ROAD-03', '道路塌方落石', {
    level: 'town',
    sector: 'safety',
    post: '应急岗',
    limits: REPAIR,
  }),
  matter('ROAD', 'ROAD-04', '占道经营', {
    level: 'village',
    sector: 'safety',
    post: '综治岗',
    limits: QUICK,
  }),

  category('WATER', '供水排水', 'economy', 'town', REPAIR),
  matter('WATER', 'WATER-01', '停水或水压不足', {
    level: 'town',
    sector: 'economy',
    post: '村镇建设岗',
    limits: REPAIR,
  }),
  matter('WATER', 'WATER-02', '污水外溢', {
    level: 'town',
    sector: 'economy',
    post: '村镇建设岗',
    limits: REPAIR,
  }),
  matter('WATER', 'WATER-03', '水管破裂', {
    level: 'village',
    sector: 'economy',
    post: '村镇建设岗',
    limits: REPAIR,
  }),
  matter('WATER', 'WATER-04', '灌溉渠堵塞', {
    level: 'village',
    sector: 'economy',
    post: '农业服务岗',
    limits: REPAIR,
  }),

  category('DISP', '矛盾纠纷', 'safety', 'village', DISPUTE),
  matter('DISP', 'DISP-01', '邻里纠纷', {
    level: 'grid',
    sector: 'safety',
    post: '综治岗',
    limits: DISPUTE,
    dispute: true,
  }),
  matter('DISP', 'DISP-02', '家庭矛盾', {
    level: 'grid',
    sector: 'safety',
    post: '综治岗',
    limits: DISPUTE,
    dispute: true,
  }),
  matter('DISP', 'DISP-03', '土地林地纠纷', {
    level: 'village',
    sector: 'safety',
    post: '综治岗',
    limits: DISPUTE,
    dispute: true,
  }),
  matter('DISP', 'DISP-04', '劳资纠纷', {
    level: 'town',
    sector: 'safety',
    post: '综治岗',
    limits: DISPUTE,
    dispute: true,
  }),
  matter('DISP', 'DISP-05', '物业纠纷', {
    level: 'village',
    sector: 'livelihood',
    post: '社会事务岗',
    limits: DISPUTE,
    dispute: true,
  }),

  category('SAFE', '安全隐患', 'safety', 'town', REPAIR),
  matter('SAFE', 'SAFE-01', '房屋安全隐患', {
    level: 'town',
    sector: 'safety',
    post: '应急岗',
    limits: REPAIR,
  }),
  matter('SAFE', 'SAFE-02', '消防通道堵塞', {
    level: 'village',
    sector: 'safety',
    post: '应急岗',
    limits: QUICK,
  }),
  matter('SAFE', 'SAFE-03', '地质灾害隐患', {
    level: 'town',
    sector: 'safety',
    post: '应急岗',
    limits: REPAIR,
  }),
  matter('SAFE', 'SAFE-04', '电线私拉乱接', {
    level: 'grid',
    sector: 'safety',
    post: '应急岗',
    limits: QUICK,
  }),
  matter('SAFE', 'SAFE-05', '食品安全问题', {
    level: 'town',
    sector: 'safety',
    post: '综治岗',
    limits: REPAIR,
  }),

  category('SERV', '公共服务', 'livelihood', 'village', SERVICE),
  matter('SERV', 'SERV-01', '独居老人求助', {
    level: 'grid',
    sector: 'livelihood',
    post: '民政岗',
    limits: QUICK,
  }),
  matter('SERV', 'SERV-02', '低保救助咨询', {
    level: 'town',
    sector: 'livelihood',
    post: '民政岗',
    limits: SERVICE,
  }),
  matter('SERV', 'SERV-03', '医保社保办理', {
    level: 'town',
    sector: 'livelihood',
    post: '社会事务岗',
    limits: SERVICE,
  }),
  matter('SERV', 'SERV-04', '残疾人帮扶', {
    level: 'village',
    sector: 'livelihood',
    post: '民政岗',
    limits: SERVICE,
  }),

  category('MUNI', '市政设施', 'economy', 'village', REPAIR),
  matter('MUNI', 'MUNI-01', '路灯损坏', {
    level: 'village',
    sector: 'economy',
    post: '村镇建设岗',
    limits: REPAIR,
    facility: true,
  }),
  matter('MUNI', 'MUNI-02', '井盖缺失破损', {
    level: 'village',
    sector: 'safety',
    post: '应急岗',
    limits: QUICK,
    facility: true,
  }),
  matter('MUNI', 'MUNI-03', '公厕损坏', {
    level: 'village',
    sector: 'livelihood',
    post: '社会事务岗',
    limits: REPAIR,
    facility: true,
  }),
  matter('MUNI', 'MUNI-04', '健身器材损坏', {
    level: 'village',
    sector: 'livelihood',
    post: '社会事务岗',
    limits: REPAIR,
    facility: true,
  }),

  category('PARTY', '党建服务', 'party', 'village', SERVICE),
  matter('PARTY', 'PARTY-01', '党组织关系转接', {
    level: 'town',
    sector: 'party',
    post: '组织岗',
    limits: SERVICE,
  }),
  matter('PARTY', 'PARTY-02', '党员联系户诉求', {
    level: 'village',
    sector: 'party',
    post: '党建办岗',
    limits: SERVICE,
  }),
  matter('PARTY', 'PARTY-03', '困难党员帮扶', {
    level: 'village',
    sector: 'party',
    post: '党建办岗',
    limits: SERVICE,
  }),
];
