/**
 * The receiving component's outcome names (D-9), as plain values: the schemas build on them, and the browser
 * bundle imports them without pulling in TypeBox.
 */
export const PREVIEW_STATES = [
  'READY',
  'ALREADY_RECEIVED',
  'SOLD_OUT',
  'DAILY_SOLD_OUT',
  'USER_LIMIT_REACHED',
  'NOT_AVAILABLE',
  'TOKEN_EXPIRED',
  'TOKEN_INVALID',
] as const;

const [, ...AFTER_READY] = PREVIEW_STATES;

/** A claim ends in every preview state but `READY`, which becomes `RECEIVED`. */
export const CLAIM_RESULTS = ['RECEIVED', ...AFTER_READY] as const;
