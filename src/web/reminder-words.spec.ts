import { cancelledWords, reminderTroubleWords } from './reminder-words';

describe('why reminders were cancelled or held back, in the reader’s words', () => {
  it('says a death or disappearance, dated in the reader’s language', () => {
    expect(cancelledWords('en', 'Died in custody on 24 April 2022', 3)).toBe(
      '3 reminders cancelled: Died in custody on 24 April 2022.',
    );
    expect(cancelledWords('en', 'Disappeared', 1)).toBe('1 reminder cancelled: Disappeared.');
    expect(cancelledWords('fr', 'Died in custody on 24 April 2022', 2)).toBe(
      '2 rappels annulés\u00a0: mort en détention le 24 avril 2022.',
    );
    expect(cancelledWords('ar', 'Disappeared on 24 April 2022', 2)).toBe(
      'أُلغي تذكيران: اختفى في 24 أبريل 2022.',
    );
  });

  it('says why a reminder was late or reached nobody, and leaves a mail server’s reply as it was', () => {
    expect(
      reminderTroubleWords(
        'en',
        'Late: due 2022-05-03 10:00 UTC, not sent by 2022-05-10 10:00 UTC, when what it announces began',
      ),
    ).toBe(
      'Late: due 3 May 2022, 10:00 UTC, not sent by 10 May 2022, 10:00 UTC, when what it announces began',
    );
    expect(reminderTroubleWords('es', 'Late: due 2022-05-03 10:00 UTC, still not sent a day later')).toBe(
      'Con retraso: previsto el 3 de mayo de 2022, 10:00 UTC, aún sin enviar un día después',
    );
    expect(
      reminderTroubleWords(
        'ru',
        'Nobody to send it to: no unmuted watcher, external recipient or fallback address who may read it',
      ),
    ).toMatch(/^Некому отправить/);
    expect(reminderTroubleWords('ar', '451 4.7.1 Try again later')).toBe('451 4.7.1 Try again later');
  });
});
