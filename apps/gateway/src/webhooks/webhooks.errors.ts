import { DomainError } from '@vangnet/contracts';

export enum WebhookErrorCode {
  UNKNOWN_EVENT_TYPE = 'UNKNOWN_EVENT_TYPE',
  EVENT_TYPE_NOT_ALLOWED = 'EVENT_TYPE_NOT_ALLOWED',
  SCOPE_MISSING = 'SCOPE_MISSING',
  PARTNER_NOT_REGISTERED = 'PARTNER_NOT_REGISTERED',
  INVALID_URL = 'INVALID_URL',
  HTTPS_REQUIRED = 'HTTPS_REQUIRED',
  PRIVATE_TARGET = 'PRIVATE_TARGET',
  UNRESOLVABLE_TARGET = 'UNRESOLVABLE_TARGET',
  REPLAY_IN_FUTURE = 'REPLAY_IN_FUTURE',
  SUBSCRIPTION_NOT_FOUND = 'SUBSCRIPTION_NOT_FOUND',
  DELIVERY_NOT_FOUND = 'DELIVERY_NOT_FOUND',
  SUBSCRIPTION_INACTIVE = 'SUBSCRIPTION_INACTIVE',
  INVALID_CURSOR = 'INVALID_CURSOR',
  TOO_MANY_SUBSCRIPTIONS = 'TOO_MANY_SUBSCRIPTIONS',
}

export class WebhookError extends DomainError<WebhookErrorCode> {
  static missingSubscription(): WebhookError {
    return new WebhookError(WebhookErrorCode.SUBSCRIPTION_NOT_FOUND, 'no such webhook subscription', 404);
  }

  static missingDelivery(): WebhookError {
    return new WebhookError(WebhookErrorCode.DELIVERY_NOT_FOUND, 'no such delivery of this subscription', 404);
  }
}
