import { applyDecorators } from '@nestjs/common';
import { IsISO31661Alpha2, Matches } from 'class-validator';

/** ISO 3166-1 alpha-2, upper case ("IN"), as the database's char(2) check expects. */
export const IsCountryCode = (): PropertyDecorator =>
  applyDecorators(
    Matches(/^[A-Z]{2}$/, { message: '$property must be two upper-case letters, such as "IN"' }),
    IsISO31661Alpha2({ message: '$property must be an ISO 3166-1 alpha-2 country code' }),
  );
