export {
  AddressPolicy,
  AddressRefusedError,
  isPublicAddress,
  problemWithForm,
  type AddressPolicyOptions,
  type Resolver,
} from './address-policy.js';
export { MAX_DESCRIPTION_LENGTH, MAX_ENDPOINT_DESKS } from './endpoint-fields.js';
export {
  afterFailedAttempt,
  retryDelayMs,
  type NextStep,
  type RandomSource,
  type RetryPolicy,
} from './retry-schedule.js';
export {
  DEFAULT_REPLAY_WINDOW_SECONDS,
  generateWebhookSecret,
  secretHint,
  signWebhook,
  verifyWebhookSignature,
  webhookHeaders,
  type VerifyOptions,
  type WebhookHeaders,
  type WebhookVerification,
} from './signing.js';
export {
  WebhookDispatcher,
  type AttemptEvent,
  type DeliveryStore,
  type DispatcherLogger,
  type DispatcherOptions,
} from './webhook-dispatcher.js';
export {
  WebhookEndpointsService,
  type DeliveriesRequest,
  type EndpointUpdateRequest,
  type NewEndpointRequest,
} from './webhook-endpoints.service.js';
export { webhookBody, type WebhookPayload } from './webhook-payload.js';
export {
  createWebhookSender,
  isDelivered,
  WEBHOOK_USER_AGENT,
  type SendOutcome,
  type WebhookRequest,
  type WebhookSend,
  type WebhookSenderOptions,
} from './webhook-sender.js';
export type {
  WebhookAttemptView,
  WebhookDeliveryView,
  WebhookEndpointView,
  WebhookEndpointWithSecret,
} from './webhook-views.js';
export { WebhookDispatcherLifecycle, WebhooksModule, type WebhooksOptions } from './webhooks.module.js';
