import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { SecurityEventLog, type AuthUser, type ClientContext } from '#auth';
import type { Page, SecurityEventKind } from '#contracts';
import {
  WebhookEndpointsService,
  type WebhookDeliveryView,
  type WebhookEndpointView,
  type WebhookEndpointWithSecret,
} from '#publishing';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { ClientInfo } from '../http/client-info.decorator.js';
import { IdPipe } from '../http/id.pipe.js';
import { CreateWebhookDto, UpdateWebhookDto, WebhookDeliveriesQueryDto } from './webhooks.dto.js';

/**
 * Webhook endpoints and their deliveries (docs/webhooks.md); admins only, as the service decides.
 * Creating, changing and deleting an endpoint goes into the security log (never its secret).
 */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/admin/webhooks')
export class WebhooksController {
  constructor(
    private readonly webhooks: WebhookEndpointsService,
    private readonly securityLog: SecurityEventLog,
  ) {}

  /** The answer is the one time the secret is shown. */
  @Post()
  async create(
    @CurrentUser() actor: AuthUser,
    @Body() dto: CreateWebhookDto,
    @ClientInfo() client: ClientContext,
  ): Promise<WebhookEndpointWithSecret> {
    const created = await this.webhooks.create(actor, dto);
    await this.audit('webhook_endpoint_created', actor, client, endpointDetails(created));
    return created;
  }

  @Get()
  list(@CurrentUser() actor: AuthUser): Promise<WebhookEndpointView[]> {
    return this.webhooks.list(actor);
  }

  @Get(':id')
  get(@CurrentUser() actor: AuthUser, @Param('id', IdPipe) id: string): Promise<WebhookEndpointView> {
    return this.webhooks.get(actor, id);
  }

  @Patch(':id')
  async update(
    @CurrentUser() actor: AuthUser,
    @Param('id', IdPipe) id: string,
    @Body() dto: UpdateWebhookDto,
    @ClientInfo() client: ClientContext,
  ): Promise<WebhookEndpointView | WebhookEndpointWithSecret> {
    const updated = await this.webhooks.update(actor, id, dto);
    await this.audit('webhook_endpoint_changed', actor, client, {
      ...endpointDetails(updated),
      changed: Object.keys(dto).filter((field) => field !== 'rotateSecret'),
      secretRotated: dto.rotateSecret === true,
    });
    return updated;
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(
    @CurrentUser() actor: AuthUser,
    @Param('id', IdPipe) id: string,
    @ClientInfo() client: ClientContext,
  ): Promise<void> {
    await this.webhooks.remove(actor, id);
    await this.audit('webhook_endpoint_deleted', actor, client, { endpointId: id });
  }

  @Get(':id/deliveries')
  deliveries(
    @CurrentUser() actor: AuthUser,
    @Param('id', IdPipe) id: string,
    @Query() query: WebhookDeliveriesQueryDto,
  ): Promise<Page<WebhookDeliveryView>> {
    return this.webhooks.deliveries(actor, id, query);
  }

  @Post(':id/deliveries/:deliveryId/redeliver')
  @HttpCode(202)
  redeliver(
    @CurrentUser() actor: AuthUser,
    @Param('id', IdPipe) id: string,
    @Param('deliveryId', IdPipe) deliveryId: string,
  ): Promise<WebhookDeliveryView> {
    return this.webhooks.redeliver(actor, id, deliveryId);
  }

  private audit(kind: SecurityEventKind, actor: AuthUser, client: ClientContext, details: Record<string, unknown>) {
    return this.securityLog.record({ kind, actorId: actor.id, client, details });
  }
}

/** What the log keeps of an endpoint: where it points and what it wants, not its secret. */
function endpointDetails(endpoint: WebhookEndpointView): Record<string, unknown> {
  return {
    endpointId: endpoint.id,
    url: endpoint.url,
    events: endpoint.events,
    deskIds: endpoint.deskIds,
    active: endpoint.active,
  };
}
