import { AppError } from '@domain/errors/codes';
import { dayInChina, decideAcknowledge } from '@domain/notices/policy';
import type { Acknowledgment, MyCharter } from '@domain/notices/schemas';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import {
  charterAcknowledgments,
  charters,
  householdBindings,
  orgUnits,
  residents,
  roleGrants,
} from '../db/schema';
import { writeAudit } from '../platform/audit';
import { enforce } from '../platform/enforce';
import { newId } from '../platform/ids';
import type { RegistrySecrets } from '../registry/secrets';
import { acknowledgmentsOf, type CharterRow, charterVersions } from './charterQueries';

interface Person {
  id: string;
  phone: string;
}

interface Membership {
  courtyardId: string;
  householdId: string;
  /** From the census record matched to the person's phone, when there is one. */
  birthDate: string | null;
}

/** The household a person is bound to, and their own birth date in it if the census lists them. */
async function membershipOf(db: Db, secrets: RegistrySecrets, person: Person): Promise<Membership | null> {
  const [binding] = await db
    .select({ courtyardId: householdBindings.courtyardId, householdId: householdBindings.householdId })
    .from(householdBindings)
    .where(and(eq(householdBindings.userId, person.id), eq(householdBindings.status, 'bound')));
  if (!binding?.householdId) return null;
  const [member] = await db
    .select({ birthDate: residents.birthDate })
    .from(residents)
    .where(
      and(
        eq(residents.householdId, binding.householdId),
        eq(residents.phoneHmac, secrets.hmac(person.phone)),
      ),
    );
  return {
    courtyardId: binding.courtyardId,
    householdId: binding.householdId,
    birthDate: member?.birthDate ?? null,
  };
}

const ACK_ERRORS = {
  not_bound: 'CHARTER_NOT_BOUND',
  minor: 'CHARTER_ADULT_ONLY',
  superseded: 'CHARTER_SUPERSEDED',
} as const;

/**
 * A household acknowledges its courtyard's current charter once. Two members tapping at once both get
 * the one acknowledgment: the unique (charter, household) pair lets the second insert do nothing.
 */
export async function acknowledgeCharter(
  db: Db,
  secrets: RegistrySecrets,
  person: Person,
  charterId: string,
): Promise<Acknowledgment> {
  const [row] = await db.select().from(charters).where(eq(charters.id, charterId));
  if (!row) enforce('not_found');
  const charter = row as CharterRow;
  const membership = await membershipOf(db, secrets, person);
  const [latest] = await db
    .select({ version: sql<number>`max(${charters.version})::int` })
    .from(charters)
    .where(eq(charters.courtyardId, charter.courtyardId));
  const decision = decideAcknowledge({
    boundCourtyardId: membership?.courtyardId ?? null,
    charterCourtyardId: charter.courtyardId,
    charterIsCurrent: Number(latest?.version) === charter.version,
    memberBirthDate: membership?.birthDate ?? null,
    today: dayInChina(new Date()),
  });
  if (decision !== 'allow') throw new AppError(ACK_ERRORS[decision]);
  const householdId = (membership as Membership).householdId;
  await db.transaction(async (tx) => {
    const id = newId();
    const inserted = await tx
      .insert(charterAcknowledgments)
      .values({ id, townId: charter.townId, charterId, householdId, userId: person.id })
      .onConflictDoNothing()
      .returning({ id: charterAcknowledgments.id });
    if (inserted.length > 0)
      await writeAudit(tx, {
        townId: charter.townId,
        actorId: person.id,
        subjectType: 'charter_acknowledgment',
        subjectId: id,
        action: 'acknowledged',
        detail: { charterId, version: charter.version, householdId },
      });
  });
  const acks = await acknowledgmentsOf(db, charter, [householdId]);
  return acks.get(householdId) as Acknowledgment;
}

/** The courtyard a person reads a charter of: their bound household's, else the courtyard they hold a role in. */
async function courtyardOf(db: Db, person: Person, membership: Membership | null) {
  if (membership) {
    const [unit] = await db
      .select({ id: orgUnits.id, name: orgUnits.name })
      .from(orgUnits)
      .where(eq(orgUnits.id, membership.courtyardId));
    return unit ?? null;
  }
  const [unit] = await db
    .select({ id: orgUnits.id, name: orgUnits.name })
    .from(roleGrants)
    .innerJoin(orgUnits, eq(orgUnits.id, roleGrants.unitId))
    .where(
      and(
        eq(roleGrants.userId, person.id),
        eq(orgUnits.kind, 'courtyard'),
        inArray(roleGrants.role, ['resident', 'courtyard_head', 'party_member']),
      ),
    )
    .limit(1);
  return unit ?? null;
}

/** A resident's charter on the phone: every version, their household's acknowledgment, and whether they may give it. */
export async function myCharter(db: Db, secrets: RegistrySecrets, person: Person): Promise<MyCharter> {
  const membership = await membershipOf(db, secrets, person);
  const courtyard = await courtyardOf(db, person, membership);
  if (!courtyard)
    return {
      courtyard: null,
      versions: [],
      acknowledgment: null,
      can: { acknowledge: false },
      reason: 'not_bound',
    };
  const versions = await charterVersions(db, courtyard.id);
  const current = versions[0];
  const acknowledgment =
    current && membership
      ? ((await acknowledgmentsOf(db, current, [membership.householdId])).get(membership.householdId) ?? null)
      : null;
  const decision = current
    ? decideAcknowledge({
        boundCourtyardId: membership?.courtyardId ?? null,
        charterCourtyardId: courtyard.id,
        charterIsCurrent: true,
        memberBirthDate: membership?.birthDate ?? null,
        today: dayInChina(new Date()),
      })
    : null;
  const reason = !current
    ? 'no_charter'
    : acknowledgment
      ? 'acknowledged'
      : decision === 'allow'
        ? null
        : decision === 'minor'
          ? 'minor'
          : 'not_bound';
  return { courtyard, versions, acknowledgment, can: { acknowledge: reason === null }, reason };
}
