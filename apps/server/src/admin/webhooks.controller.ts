import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '#auth';
import type { Page } from '#contracts';
import {
  WebhookEndpointsService,
  type WebhookDeliveryView,
  type WebhookEndpointView,
  type WebhookEndpointWithSecret,
} from '#publishing';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { IdPipe } from '../http/id.pipe.js';
import { CreateWebhookDto, UpdateWebhookDto, WebhookDeliveriesQueryDto } from './webhooks.dto.js';

/** Webhook endpoints and their deliveries (docs/webhooks.md); admins only, as the service decides. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/admin/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhookEndpointsService) {}

  /** The answer is the one time the secret is shown. */
  @Post()
  create(@CurrentUser() actor: AuthUser, @Body() dto: CreateWebhookDto): Promise<WebhookEndpointWithSecret> {
    return this.webhooks.create(actor, dto);
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
  update(
    @CurrentUser() actor: AuthUser,
    @Param('id', IdPipe) id: string,
    @Body() dto: UpdateWebhookDto,
  ): Promise<WebhookEndpointView | WebhookEndpointWithSecret> {
    return this.webhooks.update(actor, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentUser() actor: AuthUser, @Param('id', IdPipe) id: string): Promise<void> {
    return this.webhooks.remove(actor, id);
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
}
