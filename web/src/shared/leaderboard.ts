import type { LeaderboardLevel, LeaderboardPlace } from '@domain/leaderboard/schemas';
import type { MessageKey } from '../i18n/messages';

/** One board a person can switch to: a level over one of their places. */
export interface BoardChoice {
  key: string;
  label: MessageKey;
  level: LeaderboardLevel;
  place: LeaderboardPlace;
}

const BY_KIND: Record<string, { level: LeaderboardLevel; label: MessageKey }[]> = {
  courtyard: [{ level: 'households', label: 'lbHouseholdsInCourtyard' }],
  village: [
    { level: 'households', label: 'lbHouseholdsInVillage' },
    { level: 'courtyards', label: 'lbCourtyards' },
  ],
  town: [{ level: 'villages', label: 'lbVillages' }],
};

/** The boards of each place, nearest first: courtyard, village, town. */
export function choicesFor(place: LeaderboardPlace): BoardChoice[] {
  return (BY_KIND[place.kind] ?? []).map((c) => ({ ...c, key: `${c.level}:${place.id}`, place }));
}

/** The phone's switches: the first place of each kind (a resident's own courtyard, village and town). */
export function ownChoices(places: readonly LeaderboardPlace[]): BoardChoice[] {
  const order = ['courtyard', 'village', 'town'];
  return order.flatMap((kind) => {
    const place = places.find((p) => p.kind === kind);
    return place ? choicesFor(place) : [];
  });
}
