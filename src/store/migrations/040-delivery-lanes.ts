import type { SchemaChange } from '../migration.js';

/**
 * Fair delivery (D-36): each merchant's PENDING events in due order, so claims can walk the merchants and take a
 * few from each; and the leased ones alone (a lease ends with the attempt), so each merchant's in-flight count is
 * cheap however long its backlog.
 */
export const deliveryLanes: SchemaChange = {
  version: 40,
  name: 'delivery-lanes',
  sql: (d) => `
CREATE INDEX outbox_lanes ON outbox (mchid, next_attempt_at${d.pick('', ', seq')}) WHERE state = 'PENDING';
CREATE INDEX outbox_leases ON outbox (mchid, locked_until) WHERE state = 'PENDING' AND locked_until IS NOT NULL;
`,
};
