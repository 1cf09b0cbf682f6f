import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { DomainError } from '../common/domain-error';
import { UsersService } from '../users/users.service';
import { AuthUser } from './auth-user';

interface TokenClaims {
  sub: string;
}

export interface LoginResult {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  user: AuthUser;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(email: string, password: string, ip?: string): Promise<LoginResult> {
    const user = await this.users.verifyCredentials(email, password);
    if (!user) {
      throw new DomainError('UNAUTHENTICATED', 'Wrong email or password, or the account is deactivated');
    }
    await this.dataSource.transaction((manager) =>
      this.audit.record(manager, {
        actor: user,
        action: 'login',
        entity: 'user',
        entityId: user.id,
        context: { ip },
      }),
    );
    const accessToken = await this.jwt.signAsync({ sub: user.id } satisfies TokenClaims);
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.jwtTtlSeconds, user };
  }

  /** Resolves a bearer token to an active user; an unknown, expired or deactivated one resolves to nothing. */
  async authenticateRequest(request: Request): Promise<AuthUser | undefined> {
    const header = request.headers.authorization;
    const match = header?.match(/^Bearer\s+(\S+)$/i);
    if (!match) {
      return undefined;
    }
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(match[1]);
    } catch {
      return undefined;
    }
    return this.users.findActiveAuthUser(claims.sub);
  }
}
