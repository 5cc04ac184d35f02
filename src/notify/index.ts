export { buildCallbackRequest, type CallbackRequest, type PlatformSigner } from './callback.js';
export { Dispatcher, type DispatcherOptions, UNANSWERED } from './dispatcher.js';
export { type DeliveryView, listWebhookDeliveries, redeliverWebhook } from './log.js';
export { isAcknowledged, outcomeAfter, RETRY_DELAYS_SECONDS } from './schedule.js';
export {
  describeRefusal,
  type NotifyTargetOptions,
  NotifyTargets,
  parseAllowList,
  type Resolver,
  type TargetRefusal,
} from './targets.js';
