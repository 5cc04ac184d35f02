export type { PlatformSigner } from './callback.js';
export { Dispatcher } from './dispatcher.js';
export { listWebhookDeliveries, redeliverWebhook } from './log.js';
export { RETRY_DELAYS_SECONDS } from './schedule.js';
