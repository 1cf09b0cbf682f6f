import { EMAIL_LANGUAGES, reminderSubject } from './reminder-email';
import { digestTitle, reminderTitle, StoredReminder } from './reminder-title';

const khurram = { defenderName: 'Khurram Parvez', timezone: 'Asia/Kolkata', court: 'NIA Special Court' };

const hearing: StoredReminder = {
  kind: 'hearing_upcoming',
  offset: 'P7D',
  subjectAt: new Date('2022-07-06T05:00:00Z'),
  details: { court: null, timeKnown: true },
  title: 'Hearing in 7 days: Khurram Parvez — NIA Special Court, 6 Jul 2022 10:30 IST',
};

const digest: StoredReminder = {
  kind: 'weekly_digest',
  offset: 'P0D',
  subjectAt: new Date('2026-12-06T23:30:00Z'),
  details: { zone: 'Asia/Kolkata' },
  title: 'Weekly digest for 7 Dec 2026',
};

describe('reminder titles', () => {
  it('titles a reminder in English exactly as the plan stored it', () => {
    expect(reminderTitle(hearing, khurram, 'en')).toBe(hearing.title);
    expect(reminderTitle(digest, null, 'en')).toBe(digest.title);
  });

  it('titles a reminder in the reader’s words and dates, naming whom it is about', () => {
    expect(reminderTitle(hearing, khurram, 'fr')).toBe(
      'Audience dans 7 jours: Khurram Parvez — NIA Special Court, 6 juil. 2022 10:30 IST',
    );
    const arabic = reminderTitle(hearing, khurram, 'ar');
    expect(arabic).toContain('Khurram Parvez');
    expect(arabic).not.toMatch(/Hearing|Jul/);
    // A co-accused's own reminder names them, as the plan does.
    expect(reminderTitle(hearing, { ...khurram, defenderName: 'Sajad Ahmad' }, 'es')).toMatch(
      /^Audiencia dentro de 7 días: Sajad Ahmad — /,
    );
  });

  it('says each reminder as its email subject does (without the confidentiality mark)', () => {
    for (const language of EMAIL_LANGUAGES) {
      expect(reminderTitle(hearing, khurram, language)).toBe(
        reminderSubject({ ...hearing, kind: 'hearing_upcoming', id: 'r', subjectId: 'h' }, khurram, language),
      );
    }
  });

  it('keeps the title it was planned with when what it names is not on record', () => {
    expect(reminderTitle(hearing, null, 'fr')).toBe(hearing.title);
    expect(reminderTitle({ ...digest, details: {} }, null, 'fr')).toBe(digest.title);
  });

  it('names a digest’s day in the zone it was planned in, in the reader’s language', () => {
    expect(reminderTitle(digest, null, 'fr')).toBe('Résumé hebdomadaire du 7 déc. 2026');
    expect(digestTitle(digest.subjectAt, 'UTC', 'en')).toBe('Weekly digest for 6 Dec 2026');
    expect(reminderTitle(digest, null, 'ar')).toBe('الملخص الأسبوعي ليوم 7 ديسمبر 2026');
  });
});
