import { describe, expect, it } from 'vitest';
import {
  idNumberCheckCharacter,
  idNumberProblem,
  isValidBirthDate,
  isValidIdNumber,
  isValidPhone,
  maskIdNumber,
  maskPhone,
  normaliseIdNumber,
} from './identity';

describe('ID numbers (GB 11643)', () => {
  it('accepts the standard’s own example and its lower-case x form', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('11010519491231002x')).toBe(true);
    expect(normaliseIdNumber(' 110105 19491231002x ')).toBe('11010519491231002X');
  });

  it('computes the check character over the first 17 digits', () => {
    expect(idNumberCheckCharacter('11010519491231002')).toBe('X');
    expect(idNumberCheckCharacter('44052418800101001')).toBe('4');
  });

  it('names why a number is refused', () => {
    expect(idNumberProblem('110105194912310021')).toBe('checksum');
    expect(idNumberProblem('11010519491331002X')).toBe('birth_date');
    expect(idNumberProblem('1101051949123100')).toBe('format');
    expect(idNumberProblem('11010519491231002Y')).toBe('format');
  });

  it('refuses birth dates that are not on the calendar or lie in the future', () => {
    expect(isValidBirthDate('1990-02-28')).toBe(true);
    expect(isValidBirthDate('1990-02-30')).toBe(false);
    expect(isValidBirthDate('1990-13-01')).toBe(false);
    expect(isValidBirthDate('2999-01-01')).toBe(false);
    expect(isValidBirthDate('19900101')).toBe(false);
  });
});

describe('phones', () => {
  it('accept 11-digit mainland mobiles only', () => {
    expect(isValidPhone('13812341234')).toBe(true);
    expect(isValidPhone('12812341234')).toBe(false);
    expect(isValidPhone('1381234123')).toBe(false);
  });
});

describe('masking', () => {
  it('keeps the first and last four of an ID number', () => {
    expect(maskIdNumber('500101199001011234')).toBe('5001**********1234');
  });
  it('keeps the first three and last four of a phone', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
  });
});
