import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { parseRfc3339, TestClock, toRfc3339 } from '../../domain/clock.js';
import { CouponError } from '../../domain/errors.js';
import { DateTime } from '../../schemas/common.js';
import { validate } from '../../schemas/validate.js';
import type { LifecycleJobs } from '../../services/lifecycle/jobs.js';
import { saveTestClock } from '../../services/sandbox-clock.js';
import type { AppContext } from '../context.js';

const TEN_YEARS_SECONDS = 10 * 366 * 86_400;

export const FreezeBody = Type.Object({ at: Type.Optional(DateTime) }, { additionalProperties: false });
export const AdvanceBody = Type.Object(
  { seconds: Type.Number({ exclusiveMinimum: 0, maximum: TEN_YEARS_SECONDS }) },
  { additionalProperties: false },
);

/**
 * The test clock (D-20): it drives daily budgets, validity and expiry, token expiry and callback retry times.
 * Every change wakes the dispatcher and the expiry sweep, so what became due happens promptly.
 */
export function sandboxClockRoutes(app: FastifyInstance, ctx: AppContext, jobs: LifecycleJobs): void {
  const testClock = (): TestClock => {
    const clock = ctx.deps.clock;
    if (!(clock instanceof TestClock))
      throw new CouponError('INVALID_REQUEST', '服务未使用可控的测试时钟 (start coupond with --sandbox)', 409);
    return clock;
  };
  const state = (clock: TestClock) => ({ now: toRfc3339(clock.now()), frozen: clock.frozen });
  const changed = async (clock: TestClock) => {
    await saveTestClock(ctx.deps.store, clock);
    await jobs.clockMoved();
    return state(clock);
  };

  app.get('/clock', async () => state(testClock()));
  app.post('/clock/freeze', async (req) => {
    const clock = testClock();
    const { at } = validate(FreezeBody, req.body, 'body');
    clock.freeze(at === undefined ? undefined : parseRfc3339(at)!);
    return changed(clock);
  });
  app.post('/clock/advance', async (req) => {
    const clock = testClock();
    const { seconds } = validate(AdvanceBody, req.body, 'body');
    clock.advance(seconds);
    return changed(clock);
  });
  app.post('/clock/reset', async () => {
    const clock = testClock();
    clock.reset();
    return changed(clock);
  });
}
