import { describe, expect, it } from 'vitest';
import { authorizeSupervising, isSupervisionDueSoon, isSupervisionOverdue, supervisionLevel } from './policy';

const district = '/d/';
const town = '/d/t/';
const yard = '/d/t/v/g/c/';
const actor = (
  role: 'district_supervisor' | 'center_operator' | 'post_staff' | 'admin',
  unitPath: string,
) => ({
  userId: 'u',
  grants: [{ role, unitId: 'x', unitPath }],
});

describe('supervision rules', () => {
  it('lets district and town officials over the case place it, refuses post staff, hides other towns', () => {
    expect(authorizeSupervising(actor('district_supervisor', district), yard)).toBe('allow');
    expect(authorizeSupervising(actor('center_operator', town), yard)).toBe('allow');
    expect(authorizeSupervising(actor('post_staff', town), yard)).toBe('forbidden');
    expect(authorizeSupervising(actor('center_operator', '/d/other/'), yard)).toBe('not_found');
  });
  it('is district-level when placed from above the town, town-level at the town', () => {
    expect(supervisionLevel(actor('district_supervisor', district), town, yard)).toBe('district');
    expect(supervisionLevel(actor('admin', district), town, yard)).toBe('district');
    expect(supervisionLevel(actor('center_operator', town), town, yard)).toBe('town');
  });
  it('is overdue once open past its due date, and due soon in its last day, reminded once', () => {
    const dueAt = new Date('2026-12-01T10:00:00Z');
    const at = (h: number) => new Date(dueAt.getTime() + h * 3_600_000);
    expect(isSupervisionOverdue({ status: 'open', dueAt }, at(0))).toBe(false);
    expect(isSupervisionOverdue({ status: 'open', dueAt }, at(0.1))).toBe(true);
    expect(isSupervisionOverdue({ status: 'closed', dueAt }, at(5))).toBe(false);
    expect(isSupervisionDueSoon({ status: 'open', dueAt, remindedAt: null }, at(-23))).toBe(true);
    expect(isSupervisionDueSoon({ status: 'open', dueAt, remindedAt: null }, at(-25))).toBe(false);
    expect(isSupervisionDueSoon({ status: 'open', dueAt, remindedAt: at(-23) }, at(-1))).toBe(false);
  });
});
