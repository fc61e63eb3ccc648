import { describe, expect, it } from 'vitest';
import type { Role } from '../auth/roles';
import { allowedCaseActions, authorizeCase, type CaseTarget, canReadCase } from './cases';
import type { Actor } from './scope';

const NOW = new Date('2026-11-28T08:00:00Z');
const base: CaseTarget = {
  status: 'reported',
  reporterId: 'reporter',
  townPath: '/D/A/',
  unitPath: '/D/A/V/G/C/',
  gridPath: '/D/A/V/G/',
  matterLevel: 'town',
  leadPostId: null,
  assistPostIds: [],
  leadUserId: null,
  whistled: false,
  checkedInPostIds: [],
  paused: false,
  closedAt: null,
  rated: false,
  alsoReporterIds: [],
};
const at = (role: Role, unitPath: string, postId?: string): Actor => ({
  userId: `${role}@${unitPath}`,
  grants: [{ role, unitId: 'u', unitPath, postId: postId ?? null }],
});
const operatorA = at('center_operator', '/D/A/');
const operatorB = at('center_operator', '/D/B/');
const leadStaff = at('post_staff', '/D/A/', 'lead-post');
const assistStaff = at('post_staff', '/D/A/', 'assist-post');
const otherStaff = at('post_staff', '/D/A/', 'other-post');
const gridWorker = at('grid_worker', '/D/A/V/G/');
const otherGridWorker = at('grid_worker', '/D/A/V/G2/');
const reporter: Actor = {
  userId: 'reporter',
  grants: [{ role: 'resident', unitId: 'c', unitPath: '/D/A/V/G/C/' }],
};
const neighbour = at('resident', '/D/A/V/G/C/');
const supervisor = at('district_supervisor', '/D/');
const dispatched: CaseTarget = {
  ...base,
  status: 'dispatched',
  leadPostId: 'lead-post',
  assistPostIds: ['assist-post'],
};

describe('case policy', () => {
  it('the center of the case’s town accepts; another town’s center does not even see it', () => {
    expect(authorizeCase(operatorA, 'accept', base, NOW)).toBe('allow');
    expect(authorizeCase(operatorB, 'accept', base, NOW)).toBe('not_found');
  });

  it('a neighbour cannot see someone else’s report; the reporter can but may not accept it', () => {
    expect(authorizeCase(neighbour, 'accept', base, NOW)).toBe('not_found');
    expect(authorizeCase(reporter, 'accept', base, NOW)).toBe('forbidden');
  });

  it('a neighbour whose report of the same bin joined the case follows it, but does not rate it', () => {
    const joined = { ...base, alsoReporterIds: [neighbour.userId] };
    expect(canReadCase(neighbour, joined)).toBe(true);
    expect(authorizeCase(neighbour, 'rate', { ...joined, status: 'closed', closedAt: NOW }, NOW)).toBe(
      'forbidden',
    );
  });

  it('a role that may act but a state that may not is a conflict, not a refusal', () => {
    expect(authorizeCase(operatorA, 'close', base, NOW)).toBe('conflict');
    expect(authorizeCase(operatorA, 'dispatch', { ...base, status: 'closed' }, NOW)).toBe('conflict');
  });

  it('only the lead post resolves and returns; assisting posts add progress; other posts see nothing', () => {
    expect(authorizeCase(leadStaff, 'resolve', dispatched, NOW)).toBe('allow');
    expect(authorizeCase(leadStaff, 'return', dispatched, NOW)).toBe('allow');
    expect(authorizeCase(assistStaff, 'resolve', dispatched, NOW)).toBe('forbidden');
    expect(authorizeCase(assistStaff, 'handle', dispatched, NOW)).toBe('allow');
    expect(authorizeCase(otherStaff, 'handle', dispatched, NOW)).toBe('not_found');
  });

  it('a named lead person answers for the case like a lead post', () => {
    const person = at('center_operator', '/D/');
    const led = { ...dispatched, leadPostId: null, leadUserId: person.userId };
    expect(authorizeCase(person, 'resolve', led, NOW)).toBe('allow');
  });

  it('the grid worker of the case’s grid verifies or sends back; another grid’s worker cannot see it', () => {
    const resolved = { ...dispatched, status: 'resolved' as const };
    expect(allowedCaseActions(gridWorker, resolved, NOW)).toEqual(['verify', 'rework']);
    expect(authorizeCase(otherGridWorker, 'verify', resolved, NOW)).toBe('not_found');
  });

  it('the reporter rates once, and objects only within 7 days of closing', () => {
    const closed = { ...dispatched, status: 'closed' as const, closedAt: new Date('2026-11-25T08:00:00Z') };
    expect(allowedCaseActions(reporter, closed, NOW)).toEqual(['rate', 'object']);
    expect(authorizeCase(reporter, 'rate', { ...closed, rated: true }, NOW)).toBe('conflict');
    const old = { ...closed, closedAt: new Date('2026-11-20T07:59:00Z') };
    expect(authorizeCase(reporter, 'object', old, NOW)).toBe('conflict');
  });

  it('grid-level matters may be settled on the spot by the grid worker, others not', () => {
    expect(authorizeCase(gridWorker, 'settle', { ...base, matterLevel: 'grid' }, NOW)).toBe('allow');
    expect(authorizeCase(gridWorker, 'settle', base, NOW)).toBe('forbidden');
  });

  it('after a whistle each dispatched post checks in once', () => {
    const whistled = { ...dispatched, whistled: true };
    expect(authorizeCase(assistStaff, 'check_in', whistled, NOW)).toBe('allow');
    expect(
      authorizeCase(assistStaff, 'check_in', { ...whistled, checkedInPostIds: ['assist-post'] }, NOW),
    ).toBe('conflict');
    expect(authorizeCase(assistStaff, 'check_in', dispatched, NOW)).toBe('conflict');
  });

  it('the clock is paused and resumed by the center or the lead, once each', () => {
    expect(authorizeCase(leadStaff, 'pause', dispatched, NOW)).toBe('allow');
    expect(authorizeCase(leadStaff, 'resume', dispatched, NOW)).toBe('conflict');
    expect(authorizeCase(operatorA, 'resume', { ...dispatched, paused: true }, NOW)).toBe('allow');
    expect(authorizeCase(assistStaff, 'pause', dispatched, NOW)).toBe('forbidden');
  });

  it('an escalated case is instructed by the district, not by the town', () => {
    const escalated = { ...dispatched, status: 'escalated' as const };
    expect(authorizeCase(supervisor, 'instruct', escalated, NOW)).toBe('allow');
    expect(authorizeCase(operatorA, 'instruct', escalated, NOW)).toBe('forbidden');
    expect(authorizeCase(supervisor, 'dispatch', { ...base, status: 'accepted' }, NOW)).toBe('forbidden');
  });
});
