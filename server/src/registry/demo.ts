import type { ResidentInput } from '@domain/registry/schemas';
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { householdBindings, households, orgUnits, residents, users } from '../db/schema';
import { newId } from '../platform/ids';
import { idNumberFor } from './fixtures';
import { townOf } from './queries';
import { residentColumns } from './residentRecord';
import type { RegistrySecrets } from './secrets';

/** 荣昌区's own area code, so demo ID numbers look like the district's people. */
const RONGCHANG = '500226';

interface DemoPerson {
  name: string;
  gender: ResidentInput['gender'];
  relation: ResidentInput['relation'];
  born: string;
  phone?: string;
  tags?: ResidentInput['tags'];
}

const HOUSEHOLDS: { courtyard: string; address: string; people: DemoPerson[] }[] = [
  {
    courtyard: '椒香小院',
    address: '3组12号',
    people: [
      {
        name: '刘德明',
        gender: 'male',
        relation: 'head',
        born: '1968-05-12',
        phone: '13800000008',
        tags: ['party_member'],
      },
      { name: '陈桂芳', gender: 'female', relation: 'spouse', born: '1970-09-03', phone: '15923001122' },
      {
        name: '刘小雨',
        gender: 'female',
        relation: 'child',
        born: '2012-03-21',
        tags: ['left_behind_child'],
      },
    ],
  },
  {
    courtyard: '椒香小院',
    address: '3组14号',
    people: [
      {
        name: '王秀兰',
        gender: 'female',
        relation: 'head',
        born: '1941-11-30',
        tags: ['living_alone', 'left_behind_elderly'],
      },
    ],
  },
  {
    courtyard: '椒香小院',
    address: '3组15号',
    people: [
      {
        name: '张建国',
        gender: 'male',
        relation: 'head',
        born: '1955-02-08',
        phone: '13608361234',
        tags: ['veteran', 'party_member'],
      },
      { name: '李淑珍', gender: 'female', relation: 'spouse', born: '1957-07-19', tags: ['disabled'] },
    ],
  },
  {
    courtyard: '椒香小院',
    address: '3组17号',
    people: [
      {
        name: '赵大勇',
        gender: 'male',
        relation: 'head',
        born: '1979-12-01',
        phone: '18723456789',
        tags: ['low_income'],
      },
      { name: '赵奶奶', gender: 'female', relation: 'parent', born: '1950-04-04' },
    ],
  },
];

/** A few households in the featured courtyard, and the demo resident bound to his, so the demo shows data. */
export async function seedRegistryDemo(db: Db, secrets: RegistrySecrets): Promise<void> {
  const names = [...new Set(HOUSEHOLDS.map((h) => h.courtyard))];
  const yards = await db.select().from(orgUnits).where(inArray(orgUnits.name, names));
  await db.transaction(async (tx) => {
    let seq = 0;
    for (const h of HOUSEHOLDS) {
      const yard = yards.find((y) => y.name === h.courtyard && y.kind === 'courtyard');
      if (!yard) continue;
      const id = newId();
      await tx
        .insert(households)
        .values({ id, townId: townOf(yard), courtyardId: yard.id, unitPath: yard.path, address: h.address });
      await tx.insert(residents).values(
        h.people.map((p) => {
          seq += 1;
          // The sequence's last digit is odd for men, as on a real card.
          const idNumber = idNumberFor(
            new Date(`${p.born}T00:00:00Z`),
            100 + seq * 2 + (p.gender === 'male' ? 1 : 0),
            RONGCHANG,
          );
          return {
            id: newId(),
            townId: townOf(yard),
            householdId: id,
            ...residentColumns(secrets, {
              name: p.name,
              relation: p.relation,
              gender: p.gender,
              birthDate: p.born,
              phone: p.phone ?? null,
              idNumber,
              tags: p.tags ?? [],
            }),
            name: p.name,
            relation: p.relation,
            gender: p.gender,
            birthDate: p.born,
          };
        }),
      );
      const account = h.people.find((p) => p.phone === '13800000008');
      if (account) {
        const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.phone, '13800000008'));
        if (user)
          await tx.insert(householdBindings).values({
            id: newId(),
            userId: user.id,
            townId: townOf(yard),
            courtyardId: yard.id,
            unitPath: yard.path,
            householdId: id,
            status: 'bound',
            via: 'invite',
            decidedAt: new Date(),
          });
      }
    }
  });
}
