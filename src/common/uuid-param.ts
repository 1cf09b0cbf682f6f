import { Param, ParseUUIDPipe } from '@nestjs/common';
import { invalid } from './domain-error';

/** A route parameter that must be a UUID; anything else is a 400 naming the parameter. */
export const UuidParam = (name = 'id'): ParameterDecorator =>
  Param(name, new ParseUUIDPipe({ exceptionFactory: () => invalid(name, 'must be a UUID') }));
