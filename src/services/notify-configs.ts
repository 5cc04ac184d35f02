import { toRfc3339 } from '../domain/clock.js';
import { Messages, notFound } from '../domain/errors.js';
import { fieldError } from '../domain/field-error.js';
import type { TargetRefusal } from '../notify/targets.js';
import { notifyTargetsOf, type ServiceDeps } from './deps.js';

/**
 * 设置商品券事件通知地址: one notify URL per provider mchid; HTTPS without query string (http too in sandbox, D-23),
 * without credentials, and outside the sandbox not aimed at this host or an internal network (D-35).
 */
export async function setNotifyConfig(deps: ServiceDeps, mchid: string, notifyUrl: string) {
  const url = new URL(notifyUrl);
  const refuse = (issue: string) => fieldError('body', '/notify_url', 'format', issue, notifyUrl);
  const allowed = url.protocol === 'https:' || (deps.sandbox && url.protocol === 'http:');
  if (!allowed) throw refuse('必须为 HTTPS 地址');
  if (url.search !== '' || notifyUrl.includes('?')) throw refuse('不能携带查询参数');
  const refusal = notifyTargetsOf(deps).refuseUrl(url);
  if (refusal) throw refuse(refusalMessage(refusal));
  const at = toRfc3339(deps.clock.now());
  await deps.store.setNotifyUrl(mchid, notifyUrl, at);
  return { notify_url: notifyUrl, update_time: at };
}

function refusalMessage(r: TargetRefusal): string {
  if (r.kind === 'credentials') return '不能携带用户名或密码';
  return `不能指向本机、内网或保留地址：${r.host} 属于 ${r.range} 地址段`;
}

export async function getNotifyConfig(deps: ServiceDeps, mchid: string) {
  const m = await deps.store.getMerchant(mchid);
  if (!m?.notifyUrl || !m.notifyUpdatedAt) throw notFound(Messages.notifyConfigNotFound);
  return { notify_url: m.notifyUrl, update_time: m.notifyUpdatedAt };
}
