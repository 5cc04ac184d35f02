import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyReply } from 'fastify';
import { rateLimited, systemError } from '../domain/errors.js';

/** What the next calls of one API answer instead of the real thing (D-20). */
type FaultResponse = 429 | 500 | 'drop' | `delay:${number}`;

export interface Fault {
  api: string;
  count: number;
  respond: FaultResponse;
}

/** Sandbox fault injection: the next `count` calls of an API (endpoint name, e.g. `preSendCouponBundle`) misbehave. */
export class FaultTable {
  private faults: Fault[] = [];

  add(fault: Fault): void {
    this.faults.push({ ...fault });
  }
  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }
  clear(): void {
    this.faults = [];
  }

  /** Applies the first pending fault of `api`: throws the error, delays, or drops the connection. */
  async apply(api: string, reply: FastifyReply): Promise<'dropped' | undefined> {
    const fault = this.faults.find((f) => f.api === api && f.count > 0);
    if (!fault) return undefined;
    fault.count -= 1;
    this.faults = this.faults.filter((f) => f.count > 0);
    if (fault.respond === 429) throw rateLimited();
    if (fault.respond === 500) throw systemError();
    if (fault.respond === 'drop') {
      reply.raw.destroy();
      return 'dropped';
    }
    await sleep(Number(fault.respond.slice('delay:'.length)));
    return undefined;
  }
}
