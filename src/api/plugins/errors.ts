import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CouponError, invalidRequest, systemError } from '../../domain/errors.js';

export const BODY_LIMIT_BYTES = 64 * 1024;
/**
 * Path parameters are matched whatever their length (a request line cannot exceed Node's 16 KiB header limit), so
 * an over-long openid or token reaches its endpoint and gets the schema's signed `PARAM_ERROR` (D-41).
 */
export const MAX_PARAM_LENGTH = 16 * 1024;

/** The one mapping from failures to WeChat's error body; routes never build error bodies by hand. */
function toCouponError(error: unknown, bodyLimit = BODY_LIMIT_BYTES): CouponError {
  if (error instanceof CouponError) return error;
  const fe = error as Partial<FastifyError>;
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return new CouponError('INVALID_REQUEST', `请求体超过 ${bodyLimit} 字节上限`, 413);
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500)
    return invalidRequest(`HTTP 请求不符合微信支付 APIv3 接口规则：${fe.message ?? ''}`);
  return systemError();
}

function answer(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const mapped = toCouponError(error, request.routeOptions.bodyLimit);
  if (mapped.httpStatus >= 500) request.log.error({ err: error }, 'unexpected error');
  reply.status(mapped.httpStatus).type('application/json; charset=utf-8').send(mapped.toBody());
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler(answer);
}

/** Fastify's `frameworkErrors`: what the router refuses before any route runs gets WeChat's body too. */
export const answerFrameworkError = answer;
