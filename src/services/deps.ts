import type { Clock } from '../domain/clock.js';
import type { Ids } from '../domain/ids.js';
import { NotifyTargets } from '../notify/targets.js';
import type { Store } from '../store/port.js';

/** The notify-target policy of these deps (D-35). */
export const notifyTargetsOf = (deps: ServiceDeps): NotifyTargets =>
  deps.notifyTargets ?? new NotifyTargets({ open: deps.sandbox });

/** What every service is given; nothing is global. */
export interface ServiceDeps {
  store: Store;
  clock: Clock;
  ids: Ids;
  /** Sandbox mode relaxes what only integrators need relaxed (D-23) and enables the sandbox controls (D-20). */
  sandbox: boolean;
  /** Which notify URLs may be set and called (D-35); absent: open in the sandbox, public addresses only otherwise. */
  notifyTargets?: NotifyTargets;
  /** Sandbox review (D-21): new product coupons stay AUDITING this long; absent or 0 = EFFECTIVE at once. */
  auditDelaySeconds?: number;
}
