import { timingSafeEqual } from 'node:crypto';
import type { Static, TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { FastifyRequest } from 'fastify';
import { CouponError } from '../../domain/errors.js';
import { parseJsonText } from '../../schemas/json-text.js';
import { validate } from '../../schemas/validate.js';

/** `Authorization: Bearer <admin_token>` for coupond's own admin and sandbox APIs. */
export function requireAdmin(request: FastifyRequest, adminToken: string): void {
  const header = request.headers.authorization ?? '';
  const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '');
  const expected = Buffer.from(adminToken);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new CouponError('UNAUTHORIZED', '缺少或错误的管理令牌 (Authorization: Bearer <admin_token>)', 401);
}

export function jsonBody(request: FastifyRequest): unknown {
  const text = request.rawBody?.toString('utf8') ?? '';
  return text.trim() === '' ? {} : parseJsonText(text);
}

/** An admin API query string: strings converted to the schema's types, defaults filled in, then validated. */
export function adminQuery<T extends TSchema>(schema: T, request: FastifyRequest): Static<T> {
  const converted = Value.Convert(schema, { ...(request.query as object) });
  return validate(schema, Value.Default(schema, converted), 'query');
}
