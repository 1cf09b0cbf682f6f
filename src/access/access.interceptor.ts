import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { from, Observable, switchMap } from 'rxjs';
import { AuthenticatedRequest } from '../auth/auth.decorators';
import { AccessService } from './access.service';
import { validateRouteArguments } from './route-arguments';
import { subjectOf } from './route-subjects';

const READS = new Set(['GET', 'HEAD']);

/**
 * Runs after the guards on every route: a route about a case, a defender or a case's entry (see
 * route-subjects.ts) answers 404 when the signed-in reader may not see it, before any handler
 * reads anything. Lists filter in SQL (access-policy.ts) instead.
 */
@Injectable()
export class AccessInterceptor implements NestInterceptor {
  constructor(private readonly access: AccessService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') {
      return next.handle();
    }
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const route = (request as { route?: { path?: unknown } }).route;
    const subject =
      request.user && typeof route?.path === 'string'
        ? subjectOf(route.path, request.params as Record<string, string | undefined>)
        : null;
    const user = request.user;
    if (!user || !subject) {
      return next.handle();
    }
    const read = READS.has(request.method) ? { via: `${request.method} ${String(route?.path)}` } : null;
    const check = async () => {
      const refusal = await this.access.require(user, subject, read).catch((error: unknown) => error);
      if (refusal) {
        // A malformed request about a hidden case gets the 400 an unknown id would get, not a 404.
        await validateRouteArguments(context);
        throw refusal;
      }
    };
    return from(check()).pipe(switchMap(() => next.handle()));
  }
}
