import { describe, expect, it } from 'vitest';
import type { Actor } from '../policies/scope';
import {
  ageOn,
  authorizeCharterEditing,
  authorizeNoticePublishing,
  authorizeNoticeReading,
  decideAcknowledge,
  isNoticeTarget,
  noticeReaches,
} from './policy';

const TOWN = '/d/t/';
const VILLAGE = '/d/t/v/';
const YARD = '/d/t/v/g/c/';
const OTHER_YARD = '/d/t/v/g/c2/';
const OTHER_VILLAGE = '/d/t/v2/';

const actor = (role: Actor['grants'][number]['role'], unitPath: string): Actor => ({
  userId: 'u',
  grants: [{ role, unitId: unitPath, unitPath }],
});

describe('who may publish notices', () => {
  it('lets a courtyard head publish to their own courtyard only', () => {
    const head = actor('courtyard_head', YARD);
    expect(authorizeNoticePublishing(head, YARD)).toBe('allow');
    expect(authorizeNoticePublishing(head, OTHER_YARD)).toBe('not_found');
    expect(authorizeNoticePublishing(head, VILLAGE)).toBe('not_found');
  });

  it('lets town staff publish anywhere in their town, and no one else', () => {
    for (const role of ['center_operator', 'post_staff', 'admin'] as const) {
      expect(authorizeNoticePublishing(actor(role, TOWN), VILLAGE)).toBe('allow');
      expect(authorizeNoticePublishing(actor(role, TOWN), TOWN)).toBe('allow');
      expect(authorizeNoticePublishing(actor(role, TOWN), '/d/t2/')).toBe('not_found');
    }
    expect(authorizeNoticePublishing(actor('grid_worker', '/d/t/v/g/'), YARD)).toBe('forbidden');
    expect(authorizeNoticePublishing(actor('resident', YARD), YARD)).toBe('forbidden');
  });

  it('addresses courtyards, villages and towns, not grids or districts', () => {
    expect(['courtyard', 'village', 'town'].every((k) => isNoticeTarget(k as never))).toBe(true);
    expect(isNoticeTarget('grid')).toBe(false);
    expect(isNoticeTarget('district')).toBe(false);
  });

  it('lets a head or the staff above edit a charter, not a resident', () => {
    expect(authorizeCharterEditing(actor('courtyard_head', YARD), YARD)).toBe('allow');
    expect(authorizeCharterEditing(actor('center_operator', TOWN), YARD)).toBe('allow');
    expect(authorizeCharterEditing(actor('courtyard_head', YARD), OTHER_YARD)).toBe('not_found');
    expect(authorizeCharterEditing(actor('resident', YARD), YARD)).toBe('forbidden');
  });
});

describe('who a notice reaches', () => {
  const published = { unitPath: VILLAGE, status: 'published' as const };

  it('reaches the courtyards under its unit and not another village', () => {
    expect(noticeReaches(VILLAGE, YARD)).toBe(true);
    expect(noticeReaches(VILLAGE, OTHER_VILLAGE)).toBe(false);
    expect(noticeReaches(YARD, VILLAGE)).toBe(false);
  });

  it('is read by its audience, by a household bound under it, and by the staff above', () => {
    expect(authorizeNoticeReading(actor('resident', YARD), [], published)).toBe('allow');
    expect(authorizeNoticeReading({ userId: 'u', grants: [] }, [YARD], published)).toBe('allow');
    expect(authorizeNoticeReading(actor('center_operator', TOWN), [], published)).toBe('allow');
    expect(authorizeNoticeReading(actor('resident', '/d/t/v2/g/c/'), [], published)).toBe('not_found');
    expect(authorizeNoticeReading({ userId: 'u', grants: [] }, [], published)).toBe('not_found');
  });

  it('once withdrawn, is seen only by those who may publish there', () => {
    const withdrawn = { unitPath: VILLAGE, status: 'withdrawn' as const };
    expect(authorizeNoticeReading(actor('resident', YARD), [], withdrawn)).toBe('not_found');
    expect(authorizeNoticeReading(actor('center_operator', TOWN), [], withdrawn)).toBe('allow');
  });
});

describe('who may acknowledge a charter', () => {
  const base = {
    boundCourtyardId: 'c',
    charterCourtyardId: 'c',
    charterIsCurrent: true,
    memberBirthDate: '1980-05-01',
    today: '2026-11-29',
  };

  it('lets an adult bound to a household of the courtyard acknowledge its current charter', () => {
    expect(decideAcknowledge(base)).toBe('allow');
    expect(decideAcknowledge({ ...base, memberBirthDate: null })).toBe('allow');
  });

  it('refuses the unbound, members of another courtyard, minors and an old version', () => {
    expect(decideAcknowledge({ ...base, boundCourtyardId: null })).toBe('not_bound');
    expect(decideAcknowledge({ ...base, boundCourtyardId: 'other' })).toBe('not_bound');
    expect(decideAcknowledge({ ...base, memberBirthDate: '2010-01-01' })).toBe('minor');
    expect(decideAcknowledge({ ...base, charterIsCurrent: false })).toBe('superseded');
  });

  it('counts full years, turning 18 on the birthday', () => {
    expect(ageOn('2008-11-29', '2026-11-29')).toBe(18);
    expect(ageOn('2008-11-30', '2026-11-29')).toBe(17);
    expect(ageOn('2008-12-01', '2026-11-29')).toBe(17);
  });
});
