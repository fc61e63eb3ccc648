import { existsSync } from 'node:fs';
import { IncomingMessage, type OutgoingHttpHeader, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import helmet from 'helmet';
import { askRoutes } from '../asks/routes';
import { authRoutes } from '../auth/routes';
import { calendarRoutes } from '../calendar/routes';
import { feedRoutes } from '../cases/feed';
import { inboxRoutes } from '../cases/inbox';
import { kpiRoutes } from '../cases/kpi';
import { caseRoutes } from '../cases/routes';
import { trendRoutes } from '../cases/trends';
import { evaluationRoutes } from '../evaluations/routes';
import { facilityRoutes } from '../facilities/routes';
import { fieldVisitRoutes } from '../fieldVisits/routes';
import { leaderboardRoutes } from '../leaderboard/routes';
import { matterRoutes } from '../matters/routes';
import { noticeRoutes } from '../notices/routes';
import { orgRoutes } from '../org/routes';
import { photoRoutes } from '../photos/routes';
import { registerMultipart } from '../photos/upload';
import { pointRoutes } from '../points/routes';
import { registryRoutes } from '../registry/routes';
import { reportRoutes } from '../reports/routes';
import { storeRoutes } from '../store/routes';
import { supervisionRoutes } from '../supervision/routes';
import { taskRoutes } from '../tasks/routes';
import { userRoutes } from '../users/routes';
import { registerAuthentication } from './authenticate';
import { healthRoutes } from './health';
import { newId } from './ids';
import { handleError, sendProblem } from './problem';
import { refuseNul } from './refuseNul';
import type { App, Deps } from './types';

export const WEB_DIST = fileURLToPath(new URL('../../../dist/web', import.meta.url));
/** Large enough for a town's GeoJSON boundaries; anything bigger is refused before it is parsed. */
export const BODY_LIMIT = 2 * 1024 * 1024;

export async function buildApp(deps: Deps, options: { logger?: boolean | object } = {}): Promise<App> {
  const app = Fastify({
    logger: options.logger ?? { level: deps.config.logLevel },
    bodyLimit: BODY_LIMIT,
    trustProxy: deps.config.trustProxy,
    requestIdHeader: 'x-request-id',
    genReqId: () => newId(),
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  // The API speaks JSON only; anything else is refused as 415 rather than half-understood.
  app.removeContentTypeParser('text/plain');
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(fastifyCookie);
  await registerMultipart(app);
  // helmet's headers are the same for every response (no nonces), so they are worked out once and then
  // set as they are: @fastify/helmet rebuilt its middleware and re-parsed the CSP on every request, and
  // even helmet made once cost a few per cent of a small request's time.
  const securityHeaders = staticHeadersOf(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // antd writes its CSS-in-JS into <style> tags at run time.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          connectSrc: ["'self'"],
          fontSrc: ["'self'", 'data:'],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          upgradeInsecureRequests: null,
        },
      },
      crossOriginEmbedderPolicy: false,
      hsts: deps.config.production,
    }),
  );
  app.addHook('onRequest', (_request, reply, done) => {
    for (const [name, value] of securityHeaders) reply.raw.setHeader(name, value);
    done();
  });
  app.addHook('preValidation', async (request) => {
    refuseNul(request.query);
    refuseNul(request.body);
  });

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Xiaoyuan (小院) API',
        version: '1',
        description: '基层治理平台接口。Errors are RFC 9457 problem+json with a stable `code`.',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'xy_session' } },
      },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  registerAuthentication(app, deps);
  healthRoutes(app, deps);
  authRoutes(app, deps);
  orgRoutes(app, deps);
  userRoutes(app, deps);
  matterRoutes(app, deps);
  caseRoutes(app, deps);
  inboxRoutes(app, deps);
  feedRoutes(app, deps);
  kpiRoutes(app, deps);
  trendRoutes(app, deps);
  photoRoutes(app, deps);
  registryRoutes(app, deps);
  facilityRoutes(app, deps);
  askRoutes(app, deps);
  noticeRoutes(app, deps);
  pointRoutes(app, deps);
  storeRoutes(app, deps);
  leaderboardRoutes(app, deps);
  evaluationRoutes(app, deps);
  taskRoutes(app, deps);
  calendarRoutes(app, deps);
  supervisionRoutes(app, deps);
  fieldVisitRoutes(app, deps);
  reportRoutes(app, deps);
  await registerWeb(app);

  app.setNotFoundHandler((request, reply) => sendProblem(request, reply, 'ROUTE_NOT_FOUND'));
  return app;
}

/**
 * Serves the built console at /console/, the phone app at /mobile/ and the command center's wall
 * screen at /screen/, each falling back to its index.html.
 */
async function registerWeb(app: App) {
  if (!existsSync(WEB_DIST)) {
    app.log.warn(`no web build at ${WEB_DIST}; run "npm run build:web" to serve the console and mobile app`);
    return;
  }
  await app.register(fastifyStatic, { root: WEB_DIST, prefix: '/', index: false, wildcard: false });
  const spa =
    (entry: 'console' | 'mobile' | 'screen') =>
    (_request: unknown, reply: { sendFile: (f: string) => unknown }) =>
      reply.sendFile(`${entry}/index.html`);
  for (const entry of ['console', 'mobile', 'screen'] as const) {
    app.get(`/${entry}`, { config: { public: true }, schema: { hide: true } }, spa(entry) as never);
    app.get(`/${entry}/*`, { config: { public: true }, schema: { hide: true } }, spa(entry) as never);
  }
  app.get('/', { schema: { hide: true } }, async (request, reply) => {
    const ua = request.headers['user-agent'] ?? '';
    return reply.redirect(/Mobile|Android|iPhone|MicroMessenger/i.test(ua) ? '/mobile/' : '/console/');
  });
}

/** The headers a header-setting middleware gives every response, read off one made-up response. */
function staticHeadersOf(
  middleware: (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void,
): [string, OutgoingHttpHeader][] {
  const request = new IncomingMessage(new Socket());
  const response = new ServerResponse(request);
  middleware(request, response, (error) => {
    if (error) throw error;
  });
  return Object.entries(response.getHeaders()).filter(
    (entry): entry is [string, OutgoingHttpHeader] => entry[1] !== undefined,
  );
}
