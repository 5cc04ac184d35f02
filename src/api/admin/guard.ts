import { timingSafeEqual } from 'node:crypto';
import type { Static, TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { FastifyRequest } from 'fastify';
import { CouponError } from '../../domain/errors.js';
import { validate } from '../../schemas/validate.js';

/** `Authorization: Bearer <token>`, compared in constant time; anything else is `401 UNAUTHORIZED`. */
export function requireBearer(request: FastifyRequest, token: string, message: string): void {
  const header = request.headers.authorization ?? '';
  const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '');
  const expected = Buffer.from(token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new CouponError('UNAUTHORIZED', message, 401);
}

/** Where coupond's own admin API lives (`adminPlugin`). */
export const ADMIN_PREFIX = '/admin/v1';

/** `Authorization: Bearer <admin_token>` for coupond's own admin and sandbox APIs. */
export const requireAdmin = (request: FastifyRequest, adminToken: string): void =>
  requireBearer(request, adminToken, '缺少或错误的管理令牌 (Authorization: Bearer <admin_token>)');

/** An admin API query string: strings converted to the schema's types, defaults filled in, then validated. */
export function adminQuery<T extends TSchema>(schema: T, request: FastifyRequest): Static<T> {
  const converted = Value.Convert(schema, { ...(request.query as object) });
  return validate(schema, Value.Default(schema, converted), 'query');
}
