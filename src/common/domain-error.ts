import { HttpStatus } from '@nestjs/common';

export type ErrorCode =
  | 'VALIDATION'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'PASSWORD_CHANGE_REQUIRED'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'TOO_MANY_REQUESTS';

/** The status each domain error code maps to; `satisfies` makes a new code without a status a compile error. */
export const ERROR_STATUS = {
  VALIDATION: HttpStatus.BAD_REQUEST,
  UNAUTHENTICATED: HttpStatus.UNAUTHORIZED,
  FORBIDDEN: HttpStatus.FORBIDDEN,
  PASSWORD_CHANGE_REQUIRED: HttpStatus.FORBIDDEN,
  NOT_FOUND: HttpStatus.NOT_FOUND,
  CONFLICT: HttpStatus.CONFLICT,
  TOO_MANY_REQUESTS: HttpStatus.TOO_MANY_REQUESTS,
} as const satisfies Record<ErrorCode, HttpStatus>;

export interface FieldProblem {
  field: string;
  problem: string;
}

/** Services throw these; the exception filter turns them into the API's error shape. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: FieldProblem[] = [],
  ) {
    super(message);
  }
}

export const notFound = (entity: string, id: string): DomainError =>
  new DomainError('NOT_FOUND', `${entity} ${id} was not found`);

export const invalid = (field: string, problem: string): DomainError =>
  new DomainError('VALIDATION', `${field} ${problem}`, [{ field, problem }]);

export const conflict = (message: string, details: FieldProblem[] = []): DomainError =>
  new DomainError('CONFLICT', message, details);

export const forbidden = (message = 'You may not do this'): DomainError =>
  new DomainError('FORBIDDEN', message);
