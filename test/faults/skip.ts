import { privateClusterUnavailable } from './private-postgres.js';

/**
 * True (skip) when a private PostgreSQL cluster cannot be started here, after saying why. Under CI the fault
 * tests must run, so a missing prerequisite fails the run instead.
 */
export function skipUnlessPrivateCluster(): boolean {
  const why = privateClusterUnavailable();
  if (why === null) return false;
  if (process.env.CI) throw new Error(`fault tests cannot run under CI: ${why}`);
  console.warn(`skipping the PostgreSQL fault tests: ${why}`);
  return true;
}
