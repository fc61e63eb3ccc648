import { describe, expect, it } from 'vitest';
import type { Role } from '../auth/roles';
import { followUpIssuerId } from './policy';

const town = '/d/t/';
const actor = (...grants: [Role, string][]) => ({
  userId: 'u',
  grants: grants.map(([role, unitPath]) => ({ role, unitId: 'x', unitPath })),
});

describe('who issues a field visit’s follow-up tasks', () => {
  it('is the town for its command center, the district for a district official or admin', () => {
    expect(followUpIssuerId(actor(['center_operator', town]), town)).toBe('t');
    expect(followUpIssuerId(actor(['district_supervisor', '/d/']), town)).toBe('d');
    expect(followUpIssuerId(actor(['admin', '/d/']), town)).toBe('d');
  });
  it('prefers the town when the visitor is an official both of the town and the district', () => {
    expect(followUpIssuerId(actor(['district_supervisor', '/d/'], ['center_operator', town]), town)).toBe(
      't',
    );
  });
  it('is nobody for post staff, for issuers of another town, or for roles that do not issue tasks', () => {
    expect(followUpIssuerId(actor(['post_staff', town]), town)).toBeNull();
    expect(followUpIssuerId(actor(['center_operator', '/d/other/']), town)).toBeNull();
    expect(followUpIssuerId(actor(['grid_worker', '/d/t/v/g/'], ['post_staff', town]), town)).toBeNull();
  });
});
