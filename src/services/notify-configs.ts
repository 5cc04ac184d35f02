import { toRfc3339 } from '../domain/clock.js';
import { Messages, notFound, paramError } from '../domain/errors.js';
import type { ServiceDeps } from './deps.js';

/** api-contract.md §12.1: one notify URL per provider mchid; HTTPS without query string (http too in sandbox, D-23). */
export async function setNotifyConfig(deps: ServiceDeps, mchid: string, notifyUrl: string) {
  const url = new URL(notifyUrl);
  const allowed = url.protocol === 'https:' || (deps.sandbox && url.protocol === 'http:');
  if (!allowed)
    throw paramError('notify_url 必须为 HTTPS 地址', { location: 'body', field: '/notify_url', value: notifyUrl });
  if (url.search !== '' || notifyUrl.includes('?'))
    throw paramError('notify_url 不能携带查询参数', { location: 'body', field: '/notify_url', value: notifyUrl });
  const at = toRfc3339(deps.clock.now());
  await deps.store.setNotifyUrl(mchid, notifyUrl, at);
  return { notify_url: notifyUrl, update_time: at };
}

export async function getNotifyConfig(deps: ServiceDeps, mchid: string) {
  const m = await deps.store.getMerchant(mchid);
  if (!m?.notifyUrl || !m.notifyUpdatedAt) throw notFound(Messages.notifyConfigNotFound);
  return { notify_url: m.notifyUrl, update_time: m.notifyUpdatedAt };
}
