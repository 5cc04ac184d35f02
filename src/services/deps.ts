import type { Clock } from '../domain/clock.js';
import type { Ids } from '../domain/ids.js';
import type { Store } from '../store/port.js';

/** What every service is given; nothing is global. */
export interface ServiceDeps {
  store: Store;
  clock: Clock;
  ids: Ids;
  /** Sandbox mode relaxes what only integrators need relaxed (D-23) and enables the sandbox controls (D-20). */
  sandbox: boolean;
  /** Sandbox review (D-21): new product coupons stay AUDITING this long; absent or 0 = EFFECTIVE at once. */
  auditDelaySeconds?: number;
}
