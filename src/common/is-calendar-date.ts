import { ValidationOptions, registerDecorator } from 'class-validator';
import { isCalendarDay } from './calendar-day';

/** 'YYYY-MM-DD' naming a day that exists (2024-02-29 does, 2022-02-30 does not). */
export const isCalendarDate = isCalendarDay;

/** A calendar day as 'YYYY-MM-DD', the form `date` columns take. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be a real calendar date as YYYY-MM-DD', ...options },
      validator: { validate: isCalendarDate },
    });
}
