import { coAccusedPhrase } from './co-accused-words';

describe('coAccusedPhrase', () => {
  it('names the co-accused, then those known only as a number, in words', () => {
    expect(coAccusedPhrase(['Tomás Ruiz'], 7, true, 'en')).toBe('detained with Tomás Ruiz and seven others');
    expect(coAccusedPhrase(['Tomás Ruiz', 'Lina Haddad'], 0, true, 'en')).toBe(
      'detained with Tomás Ruiz and Lina Haddad',
    );
    expect(coAccusedPhrase(['Tomás Ruiz', 'Lina Haddad'], 1, false, 'en')).toBe(
      'accused with Tomás Ruiz, Lina Haddad and one other',
    );
    expect(coAccusedPhrase([], 25, true, 'en')).toBe('detained with 25 others');
  });

  it('says nothing when the person is alone in the case', () => {
    expect(coAccusedPhrase([], 0, true, 'en')).toBeNull();
  });

  it('agrees the Russian noun with the number', () => {
    expect(coAccusedPhrase([], 3, true, 'ru')).toBe('другие обвиняемые по делу: 3 человека');
    expect(coAccusedPhrase(['Томас'], 12, true, 'ru')).toBe(
      'другие обвиняемые по делу: Томас и ещё 12 человек',
    );
  });

  it('writes French and Spanish', () => {
    expect(coAccusedPhrase(['Tomás Ruiz'], 7, true, 'fr')).toBe(
      'détenu(e) avec Tomás Ruiz et sept autres personnes',
    );
    expect(coAccusedPhrase(['Tomás Ruiz'], 1, false, 'es')).toBe(
      'acusado/a con Tomás Ruiz y una persona más',
    );
  });

  it('writes Arabic, with the number’s own plural form', () => {
    expect(coAccusedPhrase(['ليلى حداد'], 2, true, 'ar')).toBe('محتجز/ة مع ليلى حداد وشخصان آخران');
    expect(coAccusedPhrase([], 5, false, 'ar')).toBe('متهم/ة مع 5 أشخاص');
  });
});
