import {
  ArgumentMetadata,
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  ValidationError,
  ValidationPipe,
} from '@nestjs/common';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { DomainError, FieldProblem } from './domain-error';

/** Flattens class-validator's nested errors into one problem per field, with dotted paths (`sources.0.url`). */
export function fieldProblems(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((problem) => ({ field, problem }));
    return [...own, ...fieldProblems(error.children ?? [], field)];
  });
}

// PostgreSQL text cannot hold U+0000, and a lone UTF-16 surrogate is no character at all (it cannot
// be encoded as UTF-8): both would fail deep inside a query as a 500. So would a body nested
// thousands of levels deep, in class-transformer's recursion; no DTO nests more than a few levels.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
export const MAX_DEPTH = 16;
const MAX_PROBLEMS = 20;

function textProblem(text: string): string | null {
  if (text.includes('\u0000')) {
    return 'must not contain a NUL character (\\u0000)';
  }
  return LONE_SURROGATE.test(text) ? 'must be valid Unicode text (it holds a lone surrogate)' : null;
}

/**
 * Every value in a request's body, query or path that no DTO or text column can take (a string with
 * NUL or a lone surrogate, nesting past MAX_DEPTH), with its dotted path. Walked without recursion:
 * the body is up to 4 MB of JSON.
 */
export function inputProblems(value: unknown, path = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const pending: [unknown, string, number][] = [[value, path, 0]];
  while (pending.length > 0 && problems.length < MAX_PROBLEMS) {
    const [node, field, depth] = pending.pop()!;
    if (typeof node === 'string') {
      const problem = textProblem(node);
      if (problem) {
        problems.push({ field: field || 'request', problem });
      }
    } else if (typeof node === 'object' && node !== null) {
      if (depth >= MAX_DEPTH) {
        problems.push({
          field: field || 'request',
          problem: `must not nest deeper than ${MAX_DEPTH} levels`,
        });
        continue;
      }
      const entries = Array.isArray(node)
        ? node.map((item, index) => [String(index), item])
        : Object.entries(node);
      for (const [key, item] of entries.reverse()) {
        const problem = textProblem(key);
        const child = field ? `${field}.${key}` : key;
        if (problem) {
          problems.push({ field: field || 'request', problem: `has a field name that ${problem}` });
        } else {
          pending.push([item, child, depth + 1]);
        }
      }
    }
  }
  return problems;
}

const refuse = (details: FieldProblem[]): DomainError =>
  new DomainError('VALIDATION', details.map((d) => `${d.field} ${d.problem}`).join('; '), details);

/**
 * Every route, API and pages, whatever parameters its handler reads: path, query and body are checked
 * for text the database cannot hold and for runaway nesting before anything else looks at them (an interceptor runs after the
 * guards and before the pipes, and its refusal goes through the route's own error filter).
 */
@Injectable()
export class RequestTextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') {
      const request = context.switchToHttp().getRequest<Request>();
      const problems = [request.params, request.query, request.body].flatMap((part: unknown) =>
        inputProblems(part ?? {}),
      );
      if (problems.length > 0) {
        throw refuse(problems.slice(0, MAX_PROBLEMS));
      }
    }
    return next.handle();
  }
}

/** The global pipe: a body must be an object; then each body, query and parameter is validated against its DTO. */
class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (
      metadata.type === 'body' &&
      metadata.data === undefined &&
      value !== undefined &&
      (typeof value !== 'object' || value === null || Array.isArray(value))
    ) {
      throw refuse([{ field: 'request', problem: 'body must be a JSON object' }]);
    }
    return super.transform(value, metadata);
  }
}

export const validationPipe = (): ValidationPipe =>
  new RequestValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const details = fieldProblems(errors);
      return new DomainError('VALIDATION', details.map((d) => d.problem).join('; '), details);
    },
  });
