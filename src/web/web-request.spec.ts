import { conflict, DomainError, invalid, notFound } from '../common/domain-error';
import { errorsByField, formErrors, safeReturnPath } from './web-request';

describe('web request helpers', () => {
  it('returns only to paths on this site after sign-in', () => {
    expect(safeReturnPath('/cases/1?tab=x')).toBe('/cases/1?tab=x');
    for (const bad of [
      '//evil.example/',
      'https://evil.example/',
      '/\\evil.example',
      'cases',
      '',
      undefined,
      ['/x'],
    ]) {
      expect(safeReturnPath(bad)).toBe('/');
    }
  });

  it('groups field problems by field, in order', () => {
    expect(
      errorsByField([
        { field: 'law', problem: 'a' },
        { field: 'section', problem: 'b' },
        { field: 'law', problem: 'c' },
      ]),
    ).toEqual({ law: ['a', 'c'], section: ['b'] });
  });

  it('turns refusals of input into form problems and leaves every other failure to the error page', () => {
    expect(formErrors(invalid('days', 'must be positive'))).toEqual({ days: ['must be positive'] });
    expect(formErrors(conflict('A hearing is already at that time'))).toEqual({
      form: ['A hearing is already at that time'],
    });
    expect(formErrors(notFound('Case', 'x'))).toBeUndefined();
    expect(formErrors(new DomainError('FORBIDDEN', 'no'))).toBeUndefined();
    expect(formErrors(new Error('bug'))).toBeUndefined();
  });
});
