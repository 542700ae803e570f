import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { DeskView, UserView } from '#contracts';
import { AccountsService, type AuthUser, type ClientContext } from '#auth';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { ClientInfo } from '../http/client-info.decorator.js';
import { IdPipe } from '../http/id.pipe.js';
import { CreateDeskDto, CreateUserDto, UpdateUserDto } from './admin.dto.js';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/admin')
export class AdminController {
  constructor(private readonly accounts: AccountsService) {}

  @Post('users')
  createUser(
    @CurrentUser() actor: AuthUser,
    @Body() dto: CreateUserDto,
    @ClientInfo() client: ClientContext,
  ): Promise<UserView> {
    return this.accounts.createUser(actor, dto, client);
  }

  @Get('users')
  listUsers(@CurrentUser() actor: AuthUser): Promise<UserView[]> {
    return this.accounts.listUsers(actor);
  }

  @Patch('users/:userId')
  updateUser(
    @CurrentUser() actor: AuthUser,
    @Param('userId', IdPipe) userId: string,
    @Body() dto: UpdateUserDto,
    @ClientInfo() client: ClientContext,
  ): Promise<UserView> {
    return this.accounts.updateUser(actor, userId, dto, client);
  }

  @Post('desks')
  createDesk(
    @CurrentUser() actor: AuthUser,
    @Body() dto: CreateDeskDto,
    @ClientInfo() client: ClientContext,
  ): Promise<DeskView> {
    return this.accounts.createDesk(actor, dto.name, client);
  }

  @Get('desks')
  listDesks(@CurrentUser() actor: AuthUser): Promise<DeskView[]> {
    return this.accounts.listDesks(actor);
  }

  @Get('desks/:deskId/members')
  members(@CurrentUser() actor: AuthUser, @Param('deskId', IdPipe) deskId: string): Promise<UserView[]> {
    return this.accounts.deskMembers(actor, deskId);
  }

  @Put('desks/:deskId/members/:userId')
  @HttpCode(204)
  addMember(
    @CurrentUser() actor: AuthUser,
    @Param('deskId', IdPipe) deskId: string,
    @Param('userId', IdPipe) userId: string,
    @ClientInfo() client: ClientContext,
  ): Promise<void> {
    return this.accounts.addMember(actor, deskId, userId, client);
  }

  @Delete('desks/:deskId/members/:userId')
  @HttpCode(204)
  removeMember(
    @CurrentUser() actor: AuthUser,
    @Param('deskId', IdPipe) deskId: string,
    @Param('userId', IdPipe) userId: string,
    @ClientInfo() client: ClientContext,
  ): Promise<void> {
    return this.accounts.removeMember(actor, deskId, userId, client);
  }
}
