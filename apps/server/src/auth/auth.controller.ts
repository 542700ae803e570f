import { Body, Controller, Get, HttpCode, Post, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { LoginResponse, MeView } from '#contracts';
import { AuthService, type AuthUser, type ClientContext } from '#auth';
import { ClientInfo } from '../http/client-info.decorator.js';
import { CurrentUser } from './current-user.decorator.js';
import { LoginDto } from './login.dto.js';
import { LoginThrottleInterceptor } from './login-throttle.interceptor.js';
import { Public } from './public.decorator.js';

@ApiTags('auth')
@Controller('api')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @UseInterceptors(LoginThrottleInterceptor)
  login(@Body() dto: LoginDto, @ClientInfo() client: ClientContext): Promise<LoginResponse> {
    return this.auth.login(dto.email, dto.password, client);
  }

  @ApiBearerAuth()
  @Get('me')
  me(@CurrentUser() user: AuthUser): Promise<MeView> {
    return this.auth.me(user);
  }
}
