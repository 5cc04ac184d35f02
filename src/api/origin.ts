import type { FastifyRequest } from 'fastify';

/** The origin the request came to: coupond's own URLs are answered on it, whatever host or port serves (D-64, D-90). */
export const originOf = (request: FastifyRequest): string => `${request.protocol}://${request.host}`;
