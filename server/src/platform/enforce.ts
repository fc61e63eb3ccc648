import { AppError } from '@domain/errors/codes';
import type { Decision } from '@domain/policies/scope';

/** Turns a policy decision into the answer: outside one's scope is 404, inside but not allowed is 403. */
export function enforce(decision: Decision): void {
  if (decision === 'not_found') throw new AppError('NOT_FOUND');
  if (decision === 'forbidden') throw new AppError('FORBIDDEN');
}
