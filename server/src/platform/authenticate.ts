import { AppError } from '@domain/errors/codes';
import type { Actor } from '@domain/policies/scope';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { actorOf, type LoadedGrant, loadGrants } from '../auth/grants';
import type { CachedSession, SessionCache } from '../auth/sessionCache';
import { findLiveSession, hashToken } from '../auth/sessions';
import type { Db } from '../db/client';
import type { Config } from './config';

export const SESSION_COOKIE = 'xy_session';
export const CSRF_HEADER = 'x-csrf-token';

export interface AuthContext {
  user: { id: string; name: string; phone: string; locale: string };
  actor: Actor;
  grants: LoadedGrant[];
  tokenHash: string;
  csrfToken: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext | null;
  }
  interface FastifyContextConfig {
    /** Routes reachable without a session: login, health, docs. */
    public?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Cookies whose hash is kept: more than a district's staff signed in at once; then it starts afresh. */
const MAX_REMEMBERED_HASHES = 20_000;

/** The signed-in user of a route that requires one; the hook has already refused anonymous calls. */
export function requireAuth(request: FastifyRequest): AuthContext {
  if (!request.auth) throw new AppError('UNAUTHENTICATED');
  return request.auth;
}

/**
 * Sessions ride on an httpOnly SameSite cookie. A change must also prove it comes from our own
 * pages: the browser's Sec-Fetch-Site/Origin must be ours, and a signed-in change must echo the
 * session's CSRF token in a header, which another site's page cannot read nor send.
 */
export function registerAuthentication(
  app: FastifyInstance,
  deps: { db: Db; config: Config; sessionCache: SessionCache },
) {
  // An HMAC costs a few per cent of a small request's CPU, so the hashes of the cookies seen lately are
  // kept; a cookie is a key to nothing without its session row, which every change still reaches.
  const hashes = new Map<string, string>();
  const hashOf = (token: string): string => {
    let tokenHash = hashes.get(token);
    if (tokenHash === undefined) {
      if (hashes.size >= MAX_REMEMBERED_HASHES) hashes.clear();
      tokenHash = hashToken(deps.config.secret, token);
      hashes.set(token, tokenHash);
    }
    return tokenHash;
  };
  const signedIn = async (token: string): Promise<CachedSession | null> => {
    const tokenHash = hashOf(token);
    const cached = deps.sessionCache.get(tokenHash);
    if (cached) return cached;
    const session = await findLiveSession(deps.db, tokenHash, deps.config.sessionTtlHours);
    if (!session) return null;
    const found = { session, grants: await loadGrants(deps.db, session.user.id) };
    deps.sessionCache.set(tokenHash, found);
    return found;
  };

  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/') || request.url.startsWith('/api/docs')) return;
    const unsafe = !SAFE_METHODS.has(request.method);
    if (unsafe && !sameOrigin(request)) throw new AppError('CSRF_REJECTED');

    const token = request.cookies[SESSION_COOKIE];
    const found = token ? await signedIn(token) : null;
    if (found) {
      const { session, grants } = found;
      request.auth = {
        user: session.user,
        actor: actorOf(session.user.id, grants),
        grants,
        tokenHash: session.tokenHash,
        csrfToken: session.csrfToken,
      };
    }
    if (request.is404 || request.routeOptions.config.public) return;
    if (!request.auth) throw new AppError('UNAUTHENTICATED');
    if (unsafe && request.headers[CSRF_HEADER] !== request.auth.csrfToken)
      throw new AppError('CSRF_REJECTED');
  });
}

function sameOrigin(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site && site !== 'same-origin' && site !== 'none') return false;
  const origin = request.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}
