import { describe, expect, it } from 'vitest';
import { normaliseDate, parseRosterRow, type RawRosterRow } from './roster';

const good: RawRosterRow = {
  courtyard: '椒香小院',
  address: '3组12号',
  name: '张三',
  relation: '户主',
  gender: '',
  birthDate: '',
  phone: '138 1234 1234',
  idNumber: '11010519491231002x',
  tags: '独居、党员',
};

describe('roster rows', () => {
  it('takes gender and birth date from the ID number when left empty', () => {
    const parsed = parseRosterRow(good);
    expect(parsed).toEqual({
      row: {
        courtyard: '椒香小院',
        address: '3组12号',
        name: '张三',
        relation: 'head',
        gender: 'female',
        birthDate: '1949-12-31',
        phone: '13812341234',
        idNumber: '11010519491231002X',
        tags: ['living_alone', 'party_member'],
      },
    });
  });

  it('names every problem of a row', () => {
    expect(parseRosterRow({ ...good, name: ' ', phone: '1234', idNumber: '110105194912310021' })).toEqual({
      reasons: ['MISSING_NAME', 'BAD_ID_CHECKSUM', 'BAD_PHONE'],
    });
    expect(parseRosterRow({ ...good, birthDate: '1949-02-30' })).toEqual({ reasons: ['BAD_BIRTH_DATE'] });
    expect(parseRosterRow({ ...good, birthDate: '1950/1/1' })).toEqual({ reasons: ['BIRTH_DATE_MISMATCH'] });
    expect(parseRosterRow({ ...good, tags: '富豪' })).toEqual({ reasons: ['BAD_TAG'] });
  });

  it('reads dates as officials type them', () => {
    expect(normaliseDate('1990/1/2')).toBe('1990-01-02');
    expect(normaliseDate('19900102')).toBe('1990-01-02');
    expect(normaliseDate('1990年1月2日')).toBe('1990-01-02');
  });
});
