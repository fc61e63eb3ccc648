import { describe, expect, it } from 'vitest';
import { facilityCaseDescription, facilityUrl, JOINABLE_STATUSES } from './rules';

describe('facility rules', () => {
  it('a QR code holds the server’s own short URL, whatever slashes the base ends with', () => {
    expect(facilityUrl('https://xy.example.cn/', 'WB-BIN-001')).toBe('https://xy.example.cn/q/WB-BIN-001');
    expect(facilityUrl('https://xy.example.cn', 'A1')).toBe('https://xy.example.cn/q/A1');
  });

  it('a case of a full bin reads as a villager would say it, with the note after', () => {
    const bin = { kind: 'bin' as const, code: 'WB-BIN-001', place: '村委会门口' };
    expect(facilityCaseDescription(bin, 'full', undefined)).toBe('垃圾桶 WB-BIN-001（村委会门口）满了');
    expect(facilityCaseDescription(bin, 'other', '桶盖掉了')).toBe(
      '垃圾桶 WB-BIN-001（村委会门口）其他问题：桶盖掉了',
    );
  });

  it('a resolved case is not joined: the bin filled again', () => {
    expect(JOINABLE_STATUSES).toContain('dispatched');
    expect(JOINABLE_STATUSES).not.toContain('resolved');
    expect(JOINABLE_STATUSES).not.toContain('closed');
  });
});
