import { ValidationOptions, registerDecorator } from 'class-validator';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 'YYYY-MM-DD' naming a day that exists (2024-02-29 does, 2022-02-30 does not). */
export const isCalendarDate = (value: unknown): value is string => {
  if (typeof value !== 'string') {
    return false;
  }
  const match = ISO_DATE.exec(value);
  if (!match) {
    return false;
  }
  const [year, month, day] = match.slice(1).map(Number);
  // Date.UTC rolls 30 February over into March; a real day survives the round trip unchanged.
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= 1 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  );
};

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
