import { Injectable } from '@nestjs/common';
import type { AuthUser } from '#auth';
import type { FieldError, Page } from '#contracts';
import { DomainError, isUuid } from '#domain';
import { decodeDraftCursor, encodeDraftCursor } from '#drafts';
import { DesksRepository, WebhooksRepository, type WebhookEndpointChanges } from '#persistence';
import { AddressPolicy } from './address-policy.js';
import {
  fieldProblems,
  invalidEndpoint,
  normaliseDeskIds,
  normaliseEvents,
  type EndpointFields,
} from './endpoint-fields.js';
import { generateWebhookSecret } from './signing.js';
import { WebhookDispatcher } from './webhook-dispatcher.js';
import {
  toDeliveryView,
  toEndpointView,
  type WebhookDeliveryView,
  type WebhookEndpointView,
  type WebhookEndpointWithSecret,
} from './webhook-views.js';

export interface NewEndpointRequest extends EndpointFields {
  url: string;
  events: readonly string[];
}

export interface EndpointUpdateRequest extends EndpointFields {
  /** A new secret, returned in the answer; the old one stops signing at once. */
  rotateSecret?: boolean;
}

export interface DeliveriesRequest {
  limit?: number;
  cursor?: string;
}

const DEFAULT_DELIVERIES_PAGE = 20;
const MAX_DELIVERIES_PAGE = 100;

const endpointNotFound = () => new DomainError('NOT_FOUND', 'No such webhook endpoint');

/**
 * Webhook endpoints as admins manage them (docs/webhooks.md): what they receive, their secret
 * (shown once), their deliveries with every attempt, and sending a delivery again. Only admins;
 * an endpoint's deliveries are reached only through that endpoint.
 */
@Injectable()
export class WebhookEndpointsService {
  constructor(
    private readonly webhooks: WebhooksRepository,
    private readonly desks: DesksRepository,
    private readonly policy: AddressPolicy,
    private readonly dispatcher: WebhookDispatcher,
  ) {}

  async create(actor: AuthUser, request: NewEndpointRequest): Promise<WebhookEndpointWithSecret> {
    requireAdmin(actor);
    await this.check(request);
    const secret = generateWebhookSecret();
    const created = await this.webhooks.createEndpoint({
      url: request.url,
      secret,
      description: request.description ?? '',
      deskIds: normaliseDeskIds(request.deskIds ?? null),
      events: normaliseEvents(request.events),
      active: request.active ?? true,
      createdBy: actor.id,
    });
    return { ...toEndpointView(created), secret };
  }

  async list(actor: AuthUser): Promise<WebhookEndpointView[]> {
    requireAdmin(actor);
    return (await this.webhooks.endpoints()).map(toEndpointView);
  }

  async get(actor: AuthUser, id: string): Promise<WebhookEndpointView> {
    requireAdmin(actor);
    const endpoint = await this.webhooks.endpoint(id);
    if (!endpoint) throw endpointNotFound();
    return toEndpointView(endpoint);
  }

  /** Changes the fields present; with `rotateSecret` the answer carries the new secret. */
  async update(
    actor: AuthUser,
    id: string,
    request: EndpointUpdateRequest,
  ): Promise<WebhookEndpointView | WebhookEndpointWithSecret> {
    requireAdmin(actor);
    if (!(await this.webhooks.endpoint(id))) throw endpointNotFound();
    await this.check(request);
    const secret = request.rotateSecret ? generateWebhookSecret() : undefined;
    const changes: WebhookEndpointChanges = {
      ...(request.url !== undefined && { url: request.url }),
      ...(request.events !== undefined && { events: normaliseEvents(request.events) }),
      ...(request.deskIds !== undefined && { deskIds: normaliseDeskIds(request.deskIds) }),
      ...(request.description !== undefined && { description: request.description }),
      ...(request.active !== undefined && { active: request.active }),
      ...(secret !== undefined && { secret }),
    };
    const updated = await this.webhooks.updateEndpoint(id, changes);
    if (!updated) throw endpointNotFound();
    return secret === undefined ? toEndpointView(updated) : { ...toEndpointView(updated), secret };
  }

  /** Removes the endpoint, its deliveries and their attempts; an attempt in flight is not recorded. */
  async remove(actor: AuthUser, id: string): Promise<void> {
    requireAdmin(actor);
    if (!(await this.webhooks.deleteEndpoint(id))) throw endpointNotFound();
  }

  /** The endpoint's deliveries, newest first, each with every attempt. */
  async deliveries(actor: AuthUser, id: string, request: DeliveriesRequest): Promise<Page<WebhookDeliveryView>> {
    requireAdmin(actor);
    if (!(await this.webhooks.endpoint(id))) throw endpointNotFound();
    const limit = Math.min(Math.max(Math.trunc(request.limit ?? DEFAULT_DELIVERIES_PAGE), 1), MAX_DELIVERIES_PAGE);
    const rows = await this.webhooks.deliveries(id, {
      limit: limit + 1,
      after: request.cursor === undefined ? undefined : decodeDraftCursor(request.cursor),
    });
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return {
      items: items.map(toDeliveryView),
      nextCursor: rows.length > limit && last ? encodeDraftCursor({ createdAt: last.createdAt, id: last.id }) : null,
    };
  }

  /** Sends the delivery again now, from attempt 1 (docs/webhooks.md, Redelivery). */
  async redeliver(actor: AuthUser, id: string, deliveryId: string): Promise<WebhookDeliveryView> {
    requireAdmin(actor);
    const delivery = await this.webhooks.redeliver(id, deliveryId);
    if (!delivery) throw new DomainError('NOT_FOUND', 'This endpoint has no such delivery');
    this.dispatcher.nudge();
    return toDeliveryView(delivery);
  }

  /** Deliveries waiting to be sent, over every endpoint (the metrics' gauge). */
  async queuedDeliveries(): Promise<number> {
    return (await this.webhooks.deliveryCounts()).pending;
  }

  /** Every problem of the fields present at once: their form, the URL's address, the desks. */
  private async check(fields: EndpointFields): Promise<void> {
    const problems: FieldError[] = fieldProblems(fields);
    if (fields.url !== undefined) {
      const problem = await this.policy.problemWith(fields.url);
      if (problem !== null) problems.push({ field: 'url', messages: [problem] });
    }
    if (fields.deskIds && !problems.some((problem) => problem.field === 'deskIds')) {
      const missing: string[] = [];
      for (const deskId of normaliseDeskIds(fields.deskIds) ?? []) {
        if (!isUuid(deskId) || !(await this.desks.findById(deskId))) missing.push(deskId);
      }
      if (missing.length > 0) problems.push({ field: 'deskIds', messages: [`no such desk: ${missing.join(', ')}`] });
    }
    if (problems.length > 0) throw invalidEndpoint(problems);
  }
}

function requireAdmin(actor: AuthUser): void {
  if (actor.role !== 'admin') throw new DomainError('FORBIDDEN', 'Only an admin may manage webhooks');
}
