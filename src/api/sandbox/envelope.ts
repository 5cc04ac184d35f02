import type { Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { CallbackEnvelope } from '../../schemas/callbacks.js';

export type CallbackEnvelopeT = Static<typeof CallbackEnvelope>;

/** The callback envelope (docs/protocol.md, Callbacks), or null when the body is not one. */
export function parseEnvelope(body: string): CallbackEnvelopeT | null {
  try {
    const value: unknown = JSON.parse(body);
    return Value.Check(CallbackEnvelope, value) ? value : null;
  } catch {
    return null;
  }
}
