import { applyDecorators, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators';
import { WebErrorFilter } from './web-error.filter';
import { WebGuard } from './web.guard';

/**
 * A controller of web pages: the API's bearer guard steps aside (@Public) for WebGuard, which reads
 * the session cookie and checks CSRF; errors render as pages; and the pages stay out of OpenAPI.
 */
export const WebPages = (): ClassDecorator =>
  applyDecorators(Public(), UseGuards(WebGuard), UseFilters(WebErrorFilter), ApiExcludeController());
