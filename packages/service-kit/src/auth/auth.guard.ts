import { createParamDecorator, Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { problems } from '../problems/problem';
import { SERVICE_ROLE, type Principal, type Role } from './principal';
import { InvalidTokenError, TokenVerifier } from './token-verifier';

export const PUBLIC = 'meic:public';
export const ROLES_KEY = 'meic:roles';

/** Health, readiness, metrics and OpenAPI only: everything else needs a token. */
export const Public = () => SetMetadata(PUBLIC, true);

/** Roles allowed on a handler or controller; without it any authenticated role passes. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

type AuthedRequest = Request & { principal?: Principal };

export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<AuthedRequest>().principal;
  if (!principal) throw problems.unauthenticated('No principal on request.');
  return principal;
});

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;

    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const header = req.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match?.[1]) throw problems.unauthenticated('Send a bearer token in the Authorization header.');
    try {
      req.principal = await this.verifier.verify(match[1]);
    } catch (e) {
      if (e instanceof InvalidTokenError) throw problems.unauthenticated(`The bearer token is not valid: ${e.message}.`);
      throw e;
    }

    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    // A service may call only what names it: "any authenticated role" means any person.
    if ((allowed && !allowed.includes(req.principal.role)) || (!allowed && req.principal.role === SERVICE_ROLE)) {
      throw problems.forbidden(`Role '${req.principal.role}' may not do this; allowed: ${allowed?.join(', ') ?? 'people only'}.`);
    }
    return true;
  }
}
