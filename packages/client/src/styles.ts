import { expandTemplate, joinTemplate, placeholdersOf, type QueryParams, templateOf } from './paths.js';
import type { HttpMethod, Send } from './sender.js';
import type { ClientRoot, LooseOptions, Verb } from './types.js';

const VERBS: readonly Verb[] = ['get', 'post', 'put', 'patch', 'delete'];
const OPTION_KEYS = new Set(['json', 'media', 'params', 'headers', 'timeoutMs', 'maxRetries', 'signal']);

/**
 * The three call styles over one sender: chained (`client.v3.marketing…_openid_.preSendCouponBundle`), declarative
 * (`client.chain('v3/…/{openid}/…')`) and property (`client['v3/…/{openid}/…']`) all reach the same cached node.
 */
export function createRoot(send: Send): ClientRoot {
  const nodes = new Map<string, object>();

  async function call(template: string, verb: Verb, options: LooseOptions = {}) {
    const placeholders = placeholdersOf(template);
    for (const key of Object.keys(options))
      if (!OPTION_KEYS.has(key) && !placeholders.includes(key))
        throw new TypeError(
          `unknown option "${key}" for ${template} (path parameters: ${placeholders.join(', ') || 'none'})`,
        );
    const { json, media, params, headers, timeoutMs, maxRetries, signal } = options;
    return send({
      method: verb.toUpperCase() as HttpMethod,
      path: `/${expandTemplate(template, options)}`,
      json,
      ...(media ? { media } : {}),
      params: params as QueryParams | undefined,
      ...(headers ? { headers } : {}),
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      ...(maxRetries !== undefined ? { maxRetries } : {}),
      ...(signal ? { signal } : {}),
    });
  }

  function nodeAt(template: string): object {
    let node = nodes.get(template);
    if (!node) {
      const verbs = Object.fromEntries(VERBS.map((v) => [v, (options?: LooseOptions) => call(template, v, options)]));
      node = branch(verbs, template);
      nodes.set(template, node);
    }
    return node;
  }

  /** Own properties answer themselves; any other string property is a child path. `then` stays undefined so a
   * node is never mistaken for a promise. */
  function branch<T extends object>(target: T, template: string): T {
    return new Proxy(target, {
      get(own, property) {
        if (typeof property !== 'string' || property === 'then') return undefined;
        if (Object.hasOwn(own, property)) return Reflect.get(own, property);
        return nodeAt(joinTemplate(template, property));
      },
    });
  }

  const root = { chain: (path: string) => nodeAt(templateOf(path)), request: send };
  return branch(root, '') as unknown as ClientRoot;
}
