import { alreadyExists } from '../../domain/errors.js';

/**
 * The one canonical form of a request's parameters (D-5, D-117): JSON with object keys sorted at every depth and
 * absent (`undefined`) properties left out, so key order never makes two equal requests differ. Request records,
 * issuance records and tokens store it; two requests are the same when their fingerprints are equal.
 */
export function fingerprint(parameters: unknown): string {
  if (Array.isArray(parameters)) return `[${parameters.map(fingerprint).join(',')}]`;
  if (parameters !== null && typeof parameters === 'object') {
    const entries = Object.entries(parameters)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${fingerprint(v)}`).join(',')}}`;
  }
  return JSON.stringify(parameters);
}

interface Fingerprinted {
  fingerprint: string;
}

/** A request under its number: what a repeat must match, and the API's text when it does not. */
export interface NumberedRequest extends Fingerprinted {
  conflict: string;
}

/** Whether `request` repeats the one that bound its number: the same canonical parameters (D-5). */
export const sameRequest = (earlier: Fingerprinted, request: Fingerprinted): boolean =>
  earlier.fingerprint === request.fingerprint;

/** D-5: a number bound to other parameters answers `400 ALREADY_EXISTS` with the API's conflict text. */
export function requireSameRequest(request: NumberedRequest, earlier: Fingerprinted): void {
  if (!sameRequest(earlier, request)) throw alreadyExists(request.conflict);
}

/** D-5's replay rule: an identical repeat gets the earlier answer, other parameters `400 ALREADY_EXISTS`. */
export function replayed<E extends Fingerprinted, A>(request: NumberedRequest, earlier: E, answer: (e: E) => A): A {
  requireSameRequest(request, earlier);
  return answer(earlier);
}
