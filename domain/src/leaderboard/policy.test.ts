import { describe, expect, it } from 'vitest';
import type { Actor } from '../policies/scope';
import { authorizeBoard, mayReadLeaderboard, scopeFits } from './policy';

const TOWN = '/d/t/';
const VILLAGE = '/d/t/v/';
const YARD = '/d/t/v/g/y/';
const resident: Actor = { userId: 'u', grants: [{ role: 'resident', unitId: 'y', unitPath: YARD }] };
const operator: Actor = { userId: 'o', grants: [{ role: 'center_operator', unitId: 't', unitPath: TOWN }] };
const postStaff: Actor = { userId: 'p', grants: [{ role: 'post_staff', unitId: 't', unitPath: TOWN }] };

describe('who reads and who keeps a leaderboard', () => {
  it('a resident reads the boards of their courtyard, village and town, and no other village', () => {
    expect(mayReadLeaderboard(resident, YARD)).toBe('allow');
    expect(mayReadLeaderboard(resident, VILLAGE)).toBe('allow');
    expect(mayReadLeaderboard(resident, TOWN)).toBe('allow');
    expect(mayReadLeaderboard(resident, '/d/t/other/')).toBe('not_found');
  });
  it('staff read every board below them and none of another town', () => {
    expect(mayReadLeaderboard(operator, YARD)).toBe('allow');
    expect(mayReadLeaderboard(operator, '/d/t2/v/')).toBe('not_found');
  });
  it('only the center and admins make TV links; others in the town are refused, outsiders not told', () => {
    expect(authorizeBoard(operator, VILLAGE)).toBe('allow');
    expect(authorizeBoard(postStaff, VILLAGE)).toBe('forbidden');
    expect(authorizeBoard(resident, VILLAGE)).toBe('not_found');
  });
  it('a scope must fit its level', () => {
    expect(scopeFits('households', 'courtyard')).toBe(true);
    expect(scopeFits('households', 'village')).toBe(true);
    expect(scopeFits('households', 'town')).toBe(false);
    expect(scopeFits('courtyards', 'village')).toBe(true);
    expect(scopeFits('courtyards', 'town')).toBe(false);
    expect(scopeFits('villages', 'town')).toBe(true);
    expect(scopeFits('villages', 'district')).toBe(false);
  });
});
