import { Body, Controller, Delete, Get, HttpCode, Param, Post, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthSessionView } from '#contracts';
import { AuthSessions, PasswordChangeService, type AuthSession, type AuthUser, type ClientContext } from '#auth';
import { ClientInfo } from '../http/client-info.decorator.js';
import { IdPipe } from '../http/id.pipe.js';
import { CurrentSession, CurrentUser } from './current-user.decorator.js';
import { PasswordChangeThrottleInterceptor } from './login-throttle.interceptor.js';
import { ChangePasswordDto } from './sessions.dto.js';

/** One's own sign-in sessions and password (docs/security.md, Sessions). */
@ApiTags('auth')
@ApiBearerAuth()
@Controller('api/auth')
export class SessionsController {
  constructor(
    private readonly sessions: AuthSessions,
    private readonly passwords: PasswordChangeService,
  ) {}

  @Post('logout')
  @HttpCode(204)
  logout(
    @CurrentUser() user: AuthUser,
    @CurrentSession() session: AuthSession,
    @ClientInfo() client: ClientContext,
  ): Promise<void> {
    return this.sessions.logout(user, session, client, new Date());
  }

  @Get('sessions')
  list(@CurrentUser() user: AuthUser, @CurrentSession() session: AuthSession): Promise<AuthSessionView[]> {
    return this.sessions.list(user, session, new Date());
  }

  @Delete('sessions/:sessionId')
  @HttpCode(204)
  revoke(
    @CurrentUser() user: AuthUser,
    @CurrentSession() session: AuthSession,
    @ClientInfo() client: ClientContext,
    @Param('sessionId', IdPipe) sessionId: string,
  ): Promise<void> {
    return this.sessions.revoke(user, sessionId, session, client, new Date());
  }

  @Post('password')
  @HttpCode(204)
  @UseInterceptors(PasswordChangeThrottleInterceptor)
  changePassword(
    @CurrentUser() user: AuthUser,
    @CurrentSession() session: AuthSession,
    @ClientInfo() client: ClientContext,
    @Body() dto: ChangePasswordDto,
  ): Promise<void> {
    return this.passwords.change(user, session, dto, client, new Date());
  }
}
