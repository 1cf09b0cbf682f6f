import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { DomainError, ERROR_STATUS, ErrorCode, FieldProblem } from './domain-error';
import { loggablePath } from '../logging/redact';

export interface ErrorBody {
  statusCode: number;
  error: string;
  /** The domain error's code (e.g. PASSWORD_CHANGE_REQUIRED), for clients to act on. */
  code?: ErrorCode;
  message: string;
  details: FieldProblem[];
  /** Set by the filter: the request's id, as in its log lines and the X-Request-Id header. */
  requestId?: string;
}

// PostgreSQL refusals that are the caller's fault, not ours (https://www.postgresql.org/docs/current/errcodes-appendix.html).
const PG_STATUS: Record<string, HttpStatus> = {
  '23505': HttpStatus.CONFLICT, // unique_violation
  '23503': HttpStatus.CONFLICT, // foreign_key_violation
  '23514': HttpStatus.BAD_REQUEST, // check_violation
  '23502': HttpStatus.BAD_REQUEST, // not_null_violation
  '22P02': HttpStatus.BAD_REQUEST, // invalid_text_representation
  '22007': HttpStatus.BAD_REQUEST, // invalid_datetime_format
  '22008': HttpStatus.BAD_REQUEST, // datetime_field_overflow
  '22001': HttpStatus.BAD_REQUEST, // string_data_right_truncation
};

// Refusals of the request as sent (broken JSON, too large, not JSON), and what in it was wrong.
const REQUEST_FAULTS: Partial<Record<number, string>> = {
  [HttpStatus.BAD_REQUEST]: 'request',
  [HttpStatus.PAYLOAD_TOO_LARGE]: 'request',
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: 'content-type',
};

const reason = (status: number): string =>
  (HttpStatus[status] ?? 'Error')
    .toLowerCase()
    .split('_')
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join(' ');

/** Maps every error to `{statusCode, error, message, details}`; only genuine bugs become a 500. */
export function toErrorBody(exception: unknown): ErrorBody {
  if (exception instanceof DomainError) {
    const status = ERROR_STATUS[exception.code];
    return {
      statusCode: status,
      error: reason(status),
      code: exception.code,
      message: exception.message,
      details: exception.details,
    };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const message =
      typeof response === 'string'
        ? response
        : [(response as { message?: unknown }).message].flat().filter(Boolean).join('; ') ||
          exception.message;
    const field = REQUEST_FAULTS[status];
    const details = field ? [{ field, problem: message }] : [];
    return { statusCode: status, error: reason(status), message, details };
  }
  if (exception instanceof QueryFailedError) {
    const driverError = exception.driverError as {
      code?: string;
      detail?: string;
      column?: string;
      constraint?: string;
    };
    const status = driverError.code ? PG_STATUS[driverError.code] : undefined;
    if (status) {
      const field = driverError.column ?? driverError.constraint ?? 'request';
      const problem = driverError.detail ?? exception.message;
      return { statusCode: status, error: reason(status), message: problem, details: [{ field, problem }] };
    }
  }
  return {
    statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
    error: 'Internal Server Error',
    message: 'Something went wrong on our side; it has been logged.',
    details: [],
  };
}

@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const response = context.getResponse<Response>();
    const request = context.getRequest<Request>();
    const body = toErrorBody(exception);
    if (body.statusCode >= 500) {
      this.logger.error(
        `${request.method} ${loggablePath(request.path)}`,
        exception instanceof Error ? exception.stack : exception,
      );
    }
    if (response.headersSent) {
      return;
    }
    // The id of this request's log lines (X-Request-Id), for a report to be matched with them.
    response.status(body.statusCode).json({ ...body, requestId: request.id });
  }
}
