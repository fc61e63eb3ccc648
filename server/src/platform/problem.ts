import { AppError, type Bilingual, ERROR_CODES, type ErrorCode } from '@domain/errors/codes';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

export interface ProblemField {
  path: string;
  message: string;
}

/** The one place where failures become RFC 9457 problem+json. */
export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  detail?: Bilingual,
  extra?: Record<string, unknown>,
): FastifyReply {
  const def = ERROR_CODES[code];
  const english = preferEnglish(request);
  const body = {
    type: `urn:xiaoyuan:problem:${code.toLowerCase().replaceAll('_', '-')}`,
    title: english ? def.en : def.zh,
    status: def.status,
    code,
    detail: detail ? (english ? detail.en : detail.zh) : undefined,
    messages: { 'zh-CN': detail?.zh ?? def.zh, en: detail?.en ?? def.en },
    instance: request.url.split('?')[0],
    requestId: request.id,
    ...extra,
  };
  return reply.status(def.status).type('application/problem+json; charset=utf-8').send(JSON.stringify(body));
}

function preferEnglish(request: FastifyRequest): boolean {
  const lang = request.headers['accept-language'];
  return typeof lang === 'string' && /^en\b/i.test(lang.trim());
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_VALIDATION: 'VALIDATION_FAILED',
  FST_ERR_RATE_LIMIT_EXCEEDED: 'RATE_LIMITED',
  FST_REQ_FILE_TOO_LARGE: 'PHOTO_TOO_LARGE',
  FST_FILES_LIMIT: 'PHOTO_TOO_MANY',
  FST_PARTS_LIMIT: 'PHOTO_TOO_MANY',
  FST_FIELDS_LIMIT: 'VALIDATION_FAILED',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
};

export function handleError(
  error: FastifyError | AppError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  if (error instanceof AppError) return sendProblem(request, reply, error.code, error.detail, error.extra);
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = (error as { validationContext?: string }).validationContext ?? 'body';
    const errors: ProblemField[] = error.validation.map((v) => ({
      path: [where, ...v.instancePath.split('/').filter(Boolean)].join('.'),
      message: v.message ?? 'invalid',
    }));
    const summary = errors
      .slice(0, 5)
      .map((e) => `${e.path}: ${e.message}`)
      .join('; ');
    return sendProblem(
      request,
      reply,
      'VALIDATION_FAILED',
      { zh: `内容有误：${summary}`, en: summary },
      { errors },
    );
  }
  const fastifyCode = (error as FastifyError).code;
  const mapped = fastifyCode ? FASTIFY_CODES[fastifyCode] : undefined;
  if (mapped) return sendProblem(request, reply, mapped);
  if (error instanceof SyntaxError && (error as FastifyError).statusCode === 400) {
    return sendProblem(request, reply, 'MALFORMED_JSON');
  }
  const status = (error as FastifyError).statusCode;
  if (status && status >= 400 && status < 500) {
    return sendProblem(request, reply, 'VALIDATION_FAILED', { zh: error.message, en: error.message });
  }
  request.log.error({ err: error }, 'unhandled error');
  return sendProblem(request, reply, 'INTERNAL');
}
