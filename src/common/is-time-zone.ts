import { ValidationOptions, registerDecorator } from 'class-validator';
import { IANAZone } from 'luxon';

export const isTimeZone = (value: unknown): value is string =>
  typeof value === 'string' && (value === 'UTC' || (value.includes('/') && IANAZone.isValidZone(value)));

/** An IANA time zone name such as "Asia/Kolkata" (or "UTC"); offsets like "+05:30" are not zones. */
export function IsTimeZone(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isTimeZone',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be an IANA time zone such as "Asia/Kolkata"', ...options },
      validator: { validate: isTimeZone },
    });
}
