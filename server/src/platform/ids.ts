import { uuidv7 } from 'uuidv7';

/** UUIDv7: sortable by time, and a phone may mint one itself so a retried write is the same write. */
export function newId(): string {
  return uuidv7();
}
