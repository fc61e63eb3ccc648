/**
 * Minimum password policy for staff and residents alike: long enough and not all one kind of
 * character. Kept modest on purpose: many users type on cheap phones, and a rule they cannot
 * meet ends up written on paper.
 */
export function passwordProblems(
  password: string,
  phone?: string,
): ('too_short' | 'too_long' | 'needs_letter_and_digit' | 'contains_phone')[] {
  const problems: ('too_short' | 'too_long' | 'needs_letter_and_digit' | 'contains_phone')[] = [];
  if (password.length < 8) problems.push('too_short');
  if (password.length > 128) problems.push('too_long');
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) problems.push('needs_letter_and_digit');
  if (phone && password.includes(phone)) problems.push('contains_phone');
  return problems;
}

export function isAcceptablePassword(password: string, phone?: string): boolean {
  return passwordProblems(password, phone).length === 0;
}
