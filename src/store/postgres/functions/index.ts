import type { PostgresFunction } from '../../migration.js';
import { cacheNotifyFunction } from './cache-notify.js';
import { countIssuanceHourFunction } from './count-issuance-hour.js';
import { issueFunction } from './issue.js';
import { takeCodeFunction } from './take-code.js';
import { useFunction } from './use.js';

export const postgresFunctions: PostgresFunction[] = [
  cacheNotifyFunction,
  countIssuanceHourFunction,
  takeCodeFunction,
  issueFunction,
  useFunction,
];
