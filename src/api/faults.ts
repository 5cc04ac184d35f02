import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { Body, Pattern } from '../schemas/common.js';
import { endpoints } from '../schemas/endpoints.js';
import { validate } from '../schemas/validate.js';
import type { FaultTable } from './fault-table.js';

export const FaultBody = Body({
  api: Type.Union(Object.keys(endpoints).map((name) => Type.Literal(name))),
  count: Type.Integer({ minimum: 1, maximum: 10_000 }),
  respond: Type.Union([
    Type.Literal(429),
    Type.Literal(500),
    Type.Literal('drop'),
    Type.String(Pattern('^delay:[0-9]{1,5}$', '形如 delay:<毫秒数>，最多 5 位数字')),
  ]),
});

/** `/sandbox/v1/faults` (D-20): make the next calls of one API answer 429, 500, late, or not at all. */
export function faultRoutes(sandbox: FastifyInstance, faults: FaultTable): void {
  sandbox.post('/faults', async (req, reply) => {
    const fault = validate(FaultBody, req.body, 'body');
    faults.add({ ...fault, respond: fault.respond as Parameters<FaultTable['add']>[0]['respond'] });
    return reply.status(201).send({ data: faults.list() });
  });
  sandbox.get('/faults', async () => ({ data: faults.list() }));
  sandbox.delete('/faults', async (_req, reply) => {
    faults.clear();
    return reply.status(204).send();
  });
}
