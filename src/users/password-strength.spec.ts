import { passwordProblem } from './password-strength';

describe('password strength', () => {
  it.each([
    ['twelve spaces', ' '.repeat(12)],
    ['one letter repeated', 'aaaaaaaaaaaa'],
    ['a common password with digits', 'password1234'],
    ['a keyboard row', 'qwertyuiop12'],
  ])('refuses %s, saying why', (_, password) => {
    expect(passwordProblem(password)).toMatch(/^is too easy to guess: \S.+/);
  });

  it('refuses the account’s own email as its password', () => {
    expect(passwordProblem('asha.rao@example.org', ['asha.rao@example.org', 'Asha Rao'])).toMatch(
      /too easy to guess/,
    );
  });

  it('refuses short and overlong passwords by length first', () => {
    expect(passwordProblem('Xq7#vL2!mP')).toBe('must be at least 12 characters');
    expect(passwordProblem('x7Q!'.repeat(51))).toBe('must be at most 200 characters');
  });

  it.each(['correct horse battery staple', 'a long enough password', 'Tr0ub4dour&3xyz'])(
    'accepts %s',
    (password) => {
      expect(passwordProblem(password, ['someone@example.org', 'Some One'])).toBeUndefined();
    },
  );
});
