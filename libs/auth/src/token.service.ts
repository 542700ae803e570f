import { createSecretKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DomainError, isUuid } from '#domain';
import { AUTH_OPTIONS, type AuthOptions } from './auth-options.js';

export interface AccessTokenClaims {
  sub: string;
  /** The user's token version when issued: bumping it revokes the token. */
  tv: number;
  /** The sign-in session (auth_sessions) it belongs to: revoking that ends the token. */
  sid: string;
  /** Expiry, seconds since the epoch (set by the signer from the configured lifetime). */
  exp: number;
}

export interface IssuedToken {
  token: string;
  /** Its `exp`, which its session expires with. */
  expiresAt: Date;
}

const ISSUER = 'copydesk';

@Injectable()
export class TokenService {
  private readonly jwt: JwtService;

  constructor(@Inject(AUTH_OPTIONS) private readonly options: AuthOptions) {
    this.jwt = new JwtService({
      // A key object, not the string: given a string, jsonwebtoken first tries it as a public key
      // and builds an exception on every sign and verify (~2 ms each, most of a socket's connect).
      secret: createSecretKey(Buffer.from(options.jwtSecret, 'utf8')),
      signOptions: { algorithm: 'HS256', issuer: ISSUER, expiresIn: options.tokenTtlSeconds },
      verifyOptions: { algorithms: ['HS256'], issuer: ISSUER },
    });
  }

  get ttlSeconds(): number {
    return this.options.tokenTtlSeconds;
  }

  async issue(userId: string, tokenVersion: number, sessionId: string): Promise<IssuedToken> {
    const claims: Omit<AccessTokenClaims, 'exp'> = { sub: userId, tv: tokenVersion, sid: sessionId };
    const token = await this.jwt.signAsync(claims);
    const { exp } = this.jwt.decode<{ exp: number }>(token);
    return { token, expiresAt: new Date(exp * 1000) };
  }

  /** The token's claims; UNAUTHORIZED for a missing, malformed, expired or forged token. */
  async read(token: string | undefined): Promise<AccessTokenClaims> {
    if (!token) throw new DomainError('UNAUTHORIZED', 'Sign in first: no access token was given');
    try {
      const claims = await this.jwt.verifyAsync<AccessTokenClaims>(token);
      if (typeof claims.sub !== 'string' || typeof claims.tv !== 'number') throw new Error('claims');
      // Tokens from before sessions existed carry no sid: they are refused, their holders sign in again.
      if (typeof claims.sid !== 'string' || typeof claims.exp !== 'number') throw new Error('claims');
      // Ids that are no UUIDs name no user or session: the token is invalid, not a database error.
      if (!isUuid(claims.sub) || !isUuid(claims.sid)) throw new Error('claims');
      return claims;
    } catch {
      throw new DomainError('UNAUTHORIZED', 'The access token is invalid or has expired');
    }
  }
}
