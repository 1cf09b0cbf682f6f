import { ArgumentMetadata, ExecutionContext, PipeTransform, Type } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { Request } from 'express';
import { EMPTY } from 'rxjs';
import { RequestTextInterceptor, validationPipe } from '../common/validation';

interface RouteArgument {
  index: number;
  data?: string;
  pipes?: (PipeTransform | Type<PipeTransform>)[];
}

const SOURCES: Partial<Record<RouteParamtypes, ArgumentMetadata['type']>> = {
  [RouteParamtypes.BODY]: 'body',
  [RouteParamtypes.QUERY]: 'query',
  [RouteParamtypes.PARAM]: 'param',
};

/**
 * Runs the checks Nest would run on the route's arguments before its handler (the request text
 * check, the global validation pipe, then each parameter's own pipes), throwing the first refusal.
 * The access interceptor calls it before answering 404, so that for a hidden case a malformed
 * request gets exactly the 400 it would get for an id that matches nothing: the answer must not
 * tell the two apart.
 */
export async function validateRouteArguments(context: ExecutionContext): Promise<void> {
  // Throws synchronously when the path, query or body holds text the database cannot store.
  new RequestTextInterceptor().intercept(context, { handle: () => EMPTY });
  const controller = context.getClass();
  const handler = context.getHandler().name;
  const request = context.switchToHttp().getRequest<Request>();
  const declared = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handler) ?? {}) as Record<
    string,
    RouteArgument
  >;
  const types = (Reflect.getMetadata('design:paramtypes', controller.prototype, handler) ?? []) as Type[];
  const pipe = validationPipe();
  for (const [key, argument] of Object.entries(declared)) {
    const type = SOURCES[Number(key.split(':')[0]) as RouteParamtypes];
    if (!type) {
      continue;
    }
    const source = (type === 'body' ? request.body : type === 'query' ? request.query : request.params) as
      Record<string, unknown> | undefined;
    const metadata: ArgumentMetadata = { type, metatype: types[argument.index], data: argument.data };
    let value: unknown = argument.data ? source?.[argument.data] : source;
    value = await pipe.transform(value, metadata);
    for (const own of argument.pipes ?? []) {
      if (typeof own !== 'function') {
        value = await own.transform(value, metadata);
      }
    }
  }
}
