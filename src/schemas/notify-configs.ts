import { Type } from '@sinclair/typebox';
import { Body, DateTime, NotifyUrl } from './common.js';
import { defineEndpoint, PARTNER_PREFIX } from './endpoint.js';

/** 设置商品券事件通知地址 */
const NotifyConfig = Type.Object({ notify_url: NotifyUrl, update_time: DateTime });

export const setNotifyConfig = defineEndpoint({
  name: 'setNotifyConfig',
  summary: '设置商品券事件通知地址',
  method: 'POST',
  path: `${PARTNER_PREFIX}/notify-configs`,
  body: Body({ notify_url: NotifyUrl }),
  response: NotifyConfig,
  rate: 'management',
});

export const getNotifyConfig = defineEndpoint({
  name: 'getNotifyConfig',
  summary: '获取商品券事件通知地址',
  method: 'GET',
  path: `${PARTNER_PREFIX}/notify-configs`,
  response: NotifyConfig,
  rate: 'management',
});
