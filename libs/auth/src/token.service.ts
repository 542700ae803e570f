import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DomainError } from '#domain';
import { AUTH_OPTIONS, type AuthOptions } from './auth-options.js';

interface AccessTokenClaims {
  sub: string;
  /** The user's token version when issued: bumping it revokes the token. */
  tv: number;
}

const ISSUER = 'copydesk';

@Injectable()
export class TokenService {
  private readonly jwt: JwtService;

  constructor(@Inject(AUTH_OPTIONS) private readonly options: AuthOptions) {
    this.jwt = new JwtService({
      secret: options.jwtSecret,
      signOptions: { algorithm: 'HS256', issuer: ISSUER, expiresIn: options.tokenTtlSeconds },
      verifyOptions: { algorithms: ['HS256'], issuer: ISSUER },
    });
  }

  get ttlSeconds(): number {
    return this.options.tokenTtlSeconds;
  }

  issue(userId: string, tokenVersion: number): Promise<string> {
    const claims: AccessTokenClaims = { sub: userId, tv: tokenVersion };
    return this.jwt.signAsync(claims);
  }

  /** The token's claims; UNAUTHORIZED for a missing, malformed, expired or forged token. */
  async read(token: string | undefined): Promise<AccessTokenClaims> {
    if (!token) throw new DomainError('UNAUTHORIZED', 'Sign in first: no access token was given');
    try {
      const claims = await this.jwt.verifyAsync<AccessTokenClaims>(token);
      if (typeof claims.sub !== 'string' || typeof claims.tv !== 'number') throw new Error('claims');
      return claims;
    } catch {
      throw new DomainError('UNAUTHORIZED', 'The access token is invalid or has expired');
    }
  }
}
