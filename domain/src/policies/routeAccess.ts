import { ROLES, type Role } from '../auth/roles';
import { EVALUATION_READERS, EVALUATION_SCORERS, TEMPLATE_KEEPERS } from '../evaluations/policy';
import { FIELD_VISITORS } from '../fieldVisits/policy';
import { BOARD_KEEPERS } from '../leaderboard/policy';
import { CHARTER_EDITORS, NOTICE_PUBLISHERS } from '../notices/policy';
import { POINT_AWARDERS, POINT_KEEPERS, POINT_READERS } from '../points/policy';
import {
  REGISTRY_AUDITORS,
  REGISTRY_BINDERS,
  REGISTRY_KEEPERS,
  REGISTRY_READERS,
  REGISTRY_REVEALERS,
} from '../registry/policy';
import { STORE_KEEPERS } from '../store/policy';
import { SUPERVISION_OFFICIALS, SUPERVISION_READERS } from '../supervision/policy';
import { TASK_ISSUERS } from '../tasks/policy';

/**
 * Who may call each API route, as the authorisation matrix test checks it: every route, every role,
 * a target inside and one outside the actor's area. Kept by hand, apart from the policies it checks,
 * so that a change of rule is a change in two places that must agree; a route missing here fails.
 *
 * - `anyone`: no sign-in needed.
 * - `signed_in`: any signed-in person, about themselves or what they file (a report, a photo).
 * - `roles` with `reach`: a holder of one of these roles whose granted unit reaches the target:
 *   `below` when the target lies in that unit's subtree; `related` also when the unit lies under
 *   the target (a resident reads their own town's matter catalogue); `none` for routes without a
 *   target, which answer with what the actor's area holds.
 */
export type RouteAccess =
  | { who: 'anyone' }
  | { who: 'signed_in' }
  | { who: readonly Role[]; reach: 'below' | 'related' | 'none' };

const anyone = { who: 'anyone' } as const;
const signedIn = { who: 'signed_in' } as const;
const below = (who: readonly Role[]) => ({ who, reach: 'below' }) as const;

const ADMIN: readonly Role[] = ['admin'];
const CENTER: readonly Role[] = ['admin', 'center_operator'];
const OVERSEERS: readonly Role[] = ['admin', 'district_supervisor', 'center_operator'];
/** Who reads a case reported by a resident of a courtyard and dispatched to a post of its town. */
const CASE_READERS: readonly Role[] = [
  ...OVERSEERS,
  'post_staff',
  'grid_worker',
  'courtyard_head',
  'resident',
];

/** Who reads a courtyard's ask: the town's overseers, the grid worker, the head, and the resident who asked. */
const ASK_READERS: readonly Role[] = [...OVERSEERS, 'grid_worker', 'courtyard_head', 'resident'];

export const ROUTE_ACCESS: Record<string, RouteAccess> = {
  'POST /api/v1/auth/login': anyone,
  'POST /api/v1/auth/logout': signedIn,
  'GET /api/v1/auth/me': signedIn,
  'POST /api/v1/auth/password': signedIn,

  'GET /api/v1/org/roots': signedIn,
  'GET /api/v1/org/locate': signedIn,
  'GET /api/v1/org/units/{id}': below(ROLES),
  'GET /api/v1/org/units/{id}/children': below(ROLES),
  'PATCH /api/v1/org/units/{id}': below(ADMIN),
  'POST /api/v1/org/units': below(ADMIN),
  'POST /api/v1/org/units/{id}/move': below(ADMIN),
  'POST /api/v1/org/units/{id}/retire': below(ADMIN),
  'POST /api/v1/org/units/{id}/boundaries': below(ADMIN),
  'GET /api/v1/org/units/{id}/sectors': below(ROLES),
  'POST /api/v1/org/units/{id}/posts': below(CENTER),
  'PATCH /api/v1/org/posts/{id}': below(CENTER),
  'POST /api/v1/org/posts/{id}/retire': below(CENTER),

  'GET /api/v1/users': { who: OVERSEERS, reach: 'none' },
  'POST /api/v1/users': below(CENTER),
  'GET /api/v1/users/{id}': below(OVERSEERS),
  'PATCH /api/v1/users/{id}': below(CENTER),
  'POST /api/v1/users/{id}/password': below(CENTER),
  'POST /api/v1/users/{id}/grants': below(CENTER),
  'DELETE /api/v1/users/{id}/grants/{grantId}': below(CENTER),

  'GET /api/v1/org/units/{id}/matters': { who: ROLES, reach: 'related' },
  'POST /api/v1/org/units/{id}/matters': below(CENTER),
  'PATCH /api/v1/matters/{id}': below(CENTER),
  'POST /api/v1/matters/{id}/retire': below(CENTER),

  'POST /api/v1/cases': signedIn,
  'GET /api/v1/cases': signedIn,
  'GET /api/v1/cases/ledger.xlsx': signedIn,
  // Anyone who reaches the unit; the points are only the cases they may read.
  'GET /api/v1/cases/map': below(ROLES),
  'GET /api/v1/cases/{id}': below(CASE_READERS),
  'GET /api/v1/cases/{id}/lead-candidates': below(CENTER),
  'POST /api/v1/cases/{id}/actions': below(CENTER),
  'GET /api/v1/cases/feed': below(OVERSEERS),
  'GET /api/v1/kpi': below(OVERSEERS),
  'GET /api/v1/reports': below(OVERSEERS),
  'POST /api/v1/reports': below(OVERSEERS),
  'GET /api/v1/reports/{id}': below(OVERSEERS),
  'GET /api/v1/reports/{id}/xlsx': below(OVERSEERS),
  'GET /api/v1/cases/trends': below(OVERSEERS),
  'GET /api/v1/inbox': signedIn,
  'POST /api/v1/inbox/read': signedIn,

  'POST /api/v1/photos': signedIn,
  'GET /api/v1/photos/{id}': below(CASE_READERS),
  'GET /api/v1/photos/{id}/thumb': below(CASE_READERS),

  'GET /api/v1/registry/households': below(REGISTRY_READERS),
  'POST /api/v1/registry/households': below(REGISTRY_KEEPERS),
  'GET /api/v1/registry/households/{id}': below(REGISTRY_READERS),
  'POST /api/v1/registry/households/{id}/residents': below(REGISTRY_KEEPERS),
  'PATCH /api/v1/registry/residents/{id}': below(REGISTRY_KEEPERS),
  'POST /api/v1/registry/households/{id}/links': below(REGISTRY_KEEPERS),
  'DELETE /api/v1/registry/households/{id}/links/{userId}': below(REGISTRY_KEEPERS),
  'POST /api/v1/registry/residents/{id}/reveal': below(REGISTRY_REVEALERS),
  'GET /api/v1/registry/reveals': below(REGISTRY_AUDITORS),
  'GET /api/v1/registry/template.xlsx': { who: REGISTRY_KEEPERS, reach: 'none' },
  'POST /api/v1/registry/imports': below(REGISTRY_KEEPERS),
  'GET /api/v1/registry/imports/{id}': below(REGISTRY_KEEPERS),
  'GET /api/v1/registry/imports/{id}/rejected.xlsx': below(REGISTRY_KEEPERS),
  'GET /api/v1/registry/export.xlsx': below(REGISTRY_READERS),
  'GET /api/v1/registry/courtyards/{id}/invite': below(REGISTRY_BINDERS),
  'POST /api/v1/registry/courtyards/{id}/invite': below(REGISTRY_BINDERS),
  // Anyone signed in may try a code or ask for their own record; binding is what the answer gives.
  'POST /api/v1/registry/join': signedIn,
  'GET /api/v1/registry/me': signedIn,
  'GET /api/v1/registry/bind-requests': below(REGISTRY_BINDERS),
  'POST /api/v1/registry/bind-requests/{id}/decide': below(REGISTRY_BINDERS),
  'POST /api/v1/registry/corrections': signedIn,
  'GET /api/v1/registry/corrections': below(REGISTRY_KEEPERS),
  'POST /api/v1/registry/corrections/{id}/resolve': below(REGISTRY_KEEPERS),
  'GET /api/v1/org/units/{id}/facilities': below(OVERSEERS),
  'POST /api/v1/facilities': below(CENTER),
  'PATCH /api/v1/facilities/{id}': below(CENTER),
  'GET /api/v1/org/units/{id}/facility-labels': below(CENTER),
  // A label hangs in the street: whoever scans it and signs in may report it.
  'GET /api/v1/facilities/by-code/{code}': signedIn,
  // Answers with what lies around the person's own village, grid or courtyard, nothing else.
  'GET /api/v1/facilities/near-me': signedIn,
  'POST /api/v1/facilities/by-code/{code}/reports': signedIn,
  'POST /api/v1/asks/voice': signedIn,
  'POST /api/v1/asks': { who: ['resident'], reach: 'none' },
  'GET /api/v1/asks': signedIn,
  'GET /api/v1/asks/{id}': below(ASK_READERS),
  'GET /api/v1/asks/{id}/voice': below(ASK_READERS),
  'GET /api/v1/asks/{id}/photos/{photoId}': below(ASK_READERS),
  'POST /api/v1/asks/{id}/answer': below(['courtyard_head']),
  'POST /api/v1/asks/{id}/mediation': below(['courtyard_head']),
  'POST /api/v1/asks/{id}/hand-over': below(['courtyard_head']),
  'POST /api/v1/asks/{id}/outcome': below(['resident']),

  'POST /api/v1/notices': below(NOTICE_PUBLISHERS),
  'GET /api/v1/notices': below(NOTICE_PUBLISHERS),
  'GET /api/v1/notices/mine': signedIn,
  // A notice's audience lies under its unit, its overseers above it: both read it and may mark it read.
  'GET /api/v1/notices/{id}': { who: ROLES, reach: 'related' },
  'POST /api/v1/notices/{id}/read': { who: ROLES, reach: 'related' },
  'GET /api/v1/notices/{id}/reads': below(NOTICE_PUBLISHERS),
  'POST /api/v1/notices/{id}/withdraw': below(NOTICE_PUBLISHERS),
  'GET /api/v1/charters/courtyards/{id}': below(CHARTER_EDITORS),
  'POST /api/v1/charters/courtyards/{id}': below(CHARTER_EDITORS),
  // Acknowledging is for a bound member of a household: the answer says whether one is.
  'GET /api/v1/charters/mine': signedIn,
  'POST /api/v1/charters/{id}/acknowledge': signedIn,

  // A village's rules and store are read by its residents and by the staff above it.
  'GET /api/v1/points/rules': { who: ROLES, reach: 'related' },
  'POST /api/v1/points/rules': below(POINT_KEEPERS),
  'POST /api/v1/points/awards': below(POINT_AWARDERS),
  'POST /api/v1/points/entries/{id}/reverse': below(POINT_KEEPERS),
  'GET /api/v1/points/households/{id}': below(POINT_READERS),
  // The answer is the person's own bound household, or that they have none.
  'GET /api/v1/points/mine': signedIn,
  'GET /api/v1/store/items': { who: ROLES, reach: 'related' },
  // The answer is the store of the person's own bound household's village, or that they have none.
  'GET /api/v1/store/mine': signedIn,
  'POST /api/v1/store/items': below(STORE_KEEPERS),
  'PATCH /api/v1/store/items/{id}': below(STORE_KEEPERS),
  // Redeeming is for a bound member of a household, who spends from their own household only.
  'POST /api/v1/store/redemptions': signedIn,
  'GET /api/v1/store/redemptions': below(STORE_KEEPERS),
  'POST /api/v1/store/redemptions/{id}/confirm': below(STORE_KEEPERS),
  'POST /api/v1/store/redemptions/{id}/cancel': below(STORE_KEEPERS),

  // 挂榜晾晒 is public to the community it ranks: its members below and the staff above it.
  'GET /api/v1/leaderboard': { who: ROLES, reach: 'related' },
  // The answer is the person's own places, whatever their role.
  'GET /api/v1/leaderboard/places': signedIn,
  'POST /api/v1/leaderboard/boards': below(BOARD_KEEPERS),
  'GET /api/v1/leaderboard/boards': below(BOARD_KEEPERS),
  'POST /api/v1/leaderboard/boards/{id}/revoke': below(BOARD_KEEPERS),
  // A village TV signs in with nothing but its board link: the token is the authorisation.
  'GET /api/v1/leaderboard/screen/{token}': anyone,
  'GET /api/v1/leaderboard/screen/{token}/events': anyone,
  // Templates are read by everyone they apply to and by the staff above; a round's drafts only by staff and the committee.
  'GET /api/v1/evaluations/templates': { who: ROLES, reach: 'related' },
  'POST /api/v1/evaluations/templates': below(TEMPLATE_KEEPERS),
  'GET /api/v1/evaluations/rounds': below(EVALUATION_READERS),
  'POST /api/v1/evaluations/rounds': below(EVALUATION_SCORERS),
  'GET /api/v1/evaluations/rounds/{id}': below(EVALUATION_READERS),
  'POST /api/v1/evaluations/rounds/{id}/scores': below(EVALUATION_SCORERS),
  'POST /api/v1/evaluations/rounds/{id}/publish': below(EVALUATION_SCORERS),
  // A household's own published scorecards, or that the person has none bound.
  'GET /api/v1/evaluations/mine': signedIn,
  // 清单制: the district and the town issue and review; the grid's worker fulfils (target: the grid).
  'POST /api/v1/tasks': below(TASK_ISSUERS),
  'GET /api/v1/tasks': below(TASK_ISSUERS),
  // The answer is the person's own assignments, or none.
  'GET /api/v1/tasks/mine': signedIn,
  'GET /api/v1/tasks/assignees': below(TASK_ISSUERS),
  'GET /api/v1/tasks/rankings': below(TASK_ISSUERS),
  'GET /api/v1/tasks/{id}': below(TASK_ISSUERS),
  'GET /api/v1/tasks/assignments/{id}': below([...TASK_ISSUERS, 'grid_worker']),
  'POST /api/v1/tasks/assignments/{id}/evidence': below(['grid_worker']),
  'POST /api/v1/tasks/assignments/{id}/submit': below(['grid_worker']),
  // Reviewing: the issuers whose area holds the issuing town (target: the town).
  'POST /api/v1/tasks/assignments/{id}/accept': below(TASK_ISSUERS),
  'POST /api/v1/tasks/assignments/{id}/return': below(TASK_ISSUERS),
  'POST /api/v1/tasks/assignments/{id}/score': below(TASK_ISSUERS),
  // The calendar is the same for everyone; only an admin changes it (and reads its history).
  'GET /api/v1/calendar/years': signedIn,
  'PUT /api/v1/calendar/years/{year}': { who: ADMIN, reach: 'none' },
  'GET /api/v1/calendar/years/{year}/changes': { who: ADMIN, reach: 'none' },

  'POST /api/v1/supervisions': below(SUPERVISION_OFFICIALS),
  'GET /api/v1/supervisions': below(SUPERVISION_OFFICIALS),
  'GET /api/v1/supervisions/{id}': below(SUPERVISION_OFFICIALS),
  'POST /api/v1/supervisions/{id}/close': below(SUPERVISION_OFFICIALS),
  // Post staff handling a case see its 督办 mark; only officials place or close one.
  'GET /api/v1/cases/{id}/supervisions': below(SUPERVISION_READERS),
  'GET /api/v1/cases/{id}/supervisor-candidates': below(SUPERVISION_OFFICIALS),
  'GET /api/v1/tasks/{id}/supervisions': below(SUPERVISION_OFFICIALS),
  'GET /api/v1/tasks/{id}/supervisor-candidates': below(SUPERVISION_OFFICIALS),
  'POST /api/v1/field-visits': below(FIELD_VISITORS),
  'GET /api/v1/field-visits': below(FIELD_VISITORS),
};
