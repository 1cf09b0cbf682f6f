import { problemInWords } from './problem-words';
import { UNREADABLE_TERM } from './forms';

describe('problems in a caseworker’s words', () => {
  it('says which typed date it could not read, with examples in the reader’s language', () => {
    const typed = { orderedOn: '20 Novembr 2024' };
    expect(problemInWords('could not be read as a date', 'orderedOn', 'Ordered on', 'en', typed)).toBe(
      'We could not read “20 Novembr 2024” as a date. Try 20 November 2024 or 20/11/2024.',
    );
    expect(problemInWords('could not be read as a date', 'orderedOn', 'Ordered on', 'ru', typed)).toBe(
      'Не удалось прочитать «20 Novembr 2024» как дату. Попробуйте 20 ноября 2024\u202fг. или 20/11/2024.',
    );
    expect(
      problemInWords('is not a day of the calendar', 'until', 'Until', 'en', { until: '31 February 2024' }),
    ).toBe(
      '“31 February 2024” is not a day of the calendar. Check the day and the month: numbers are read day first, as in 20/11/2024.',
    );
  });

  it('names the other date by what it is and prints it as it was typed', () => {
    expect(
      problemInWords('must not be before arrestedOn (2027-01-15)', 'releasedOn', 'Released on', 'en', {
        arrestedOn: '15/01/2027',
        releasedOn: '1/1/2027',
      }),
    ).toBe('Released on must not be before the arrest date (15/01/2027)');
    expect(
      problemInWords('must not be before the order date 2024-11-20', 'until', 'Until', 'ar', {
        orderedOn: '٢٠ نوفمبر ٢٠٢٤',
      }),
    ).toBe('Until: لا يجوز أن يكون التاريخ قبل تاريخ الأمر (٢٠ نوفمبر ٢٠٢٤)');
  });

  it('prints a date nobody typed in the reader’s language', () => {
    expect(
      problemInWords(
        'must not be before the decision, 20 November 2024',
        'appealDeadline',
        'Appeal deadline',
        'fr',
      ),
    ).toBe('Appeal deadline\u00a0: la date ne doit pas être avant la décision (20 novembre 2024)');
    expect(
      problemInWords(
        'must not be in the future: 1 December 2030 is after today, 6 December 2026',
        'occurredOn',
        'Date',
        'en',
        { occurredOn: '01.12.2030' },
      ),
    ).toBe('Date must not be in the future: 01.12.2030 is after today (6 December 2026)');
  });

  it('words the precision rule without the field’s property name', () => {
    expect(
      problemInWords(
        'must be the first day of its month when arrestedOnPrecision is "month"',
        'arrestedOn',
        'Arrested on',
        'en',
      ),
    ).toBe('Arrested on: when only the month is known, enter its first day');
  });

  it('says when the date typed is more or less precise than the precision chosen, as typed', () => {
    expect(
      problemInWords('needs a full date (YYYY-MM-DD) for precision day', 'occurredOn', 'Date', 'fr', {
        occurredOn: 'mai 2022',
      }),
    ).toBe(
      'Date\u00a0: «\u00a0mai 2022\u00a0» est un mois, mais la précision choisie est le jour. Saisissez le jour entier, ou changez la précision.',
    );
    expect(
      problemInWords(
        '2022-05-03 does not fit precision month: write the month as 2022-05 (or its first day, 2022-05-01)',
        'keep.lines.0.occurredOn',
        'Date',
        'en',
        { 'keep.lines.0.occurredOn': '3/5/2022' },
      ),
    ).toBe(
      'Date: “3/5/2022” is a day, but the precision chosen is the month. Type the month alone, or change the precision.',
    );
    expect(
      problemInWords(
        'must be a date as YYYY-MM-DD, or YYYY-MM / YYYY for month / year precision',
        'occurredOn',
        'Date',
        'en',
        {
          occurredOn: '',
        },
      ),
    ).toBe('Date must not be blank');
  });

  it('keeps other problems in the API’s words behind the field’s label', () => {
    expect(problemInWords('law must not be blank', 'law', 'Law', 'en')).toBe('Law must not be blank');
  });

  it('says which length of time it could not read, and the offsets’ limits without ISO', () => {
    expect(
      problemInWords(
        'could not be read as a length of time: 3 dayz',
        'hearingOffsets',
        'Before each hearing',
        'en',
      ),
    ).toBe('We could not read “3 dayz” as a length of time. Try 3 days, 12 hours or 2 weeks.');
    expect(
      problemInWords(
        'hearingOffsets must be a list of ISO 8601 durations such as "P7D" or "PT2H", each positive and at most a year',
        'hearingOffsets',
        'Before each hearing',
        'es',
        { hearingOffsetsOther: '400 days' },
      ),
    ).toBe(
      'Before each hearing: cada duración debe ser mayor que cero y de un año como máximo, y puede haber 10 como máximo',
    );
  });

  it('says which court day it could not read, whatever the API said of the court time', () => {
    expect(
      problemInWords('must be a date, or a date and time, in the case’s zone', 'scheduledAt', 'When', 'en', {
        scheduledDate: 'next Tuesday',
        scheduledTime: '10:30',
      }),
    ).toBe('We could not read “next Tuesday” as a date. Try 20 November 2024 or 20/11/2024.');
    expect(
      problemInWords(
        'hearing 1 is already scheduled at 2022-05-13T10:30',
        'nextHearingAt',
        'Next hearing',
        'en',
        {
          nextDate: '13 May 2022',
        },
      ),
    ).toBe('Next hearing hearing 1 is already scheduled at 2022-05-13T10:30');
  });

  it('asks for an offset when none was ticked or typed', () => {
    expect(
      problemInWords(
        'hearingOffsets must be a list of ISO 8601 durations such as "P7D" or "PT2H", each positive and at most a year',
        'hearingOffsets',
        'Before each hearing',
        'en',
        { hearingOffsetsOther: ' ' },
      ),
    ).toBe('Before each hearing: tick at least one, or type one');
  });

  it('says the commonest validation problems in the reader’s language, keeping the English the API gives', () => {
    expect(problemInWords('name must be longer than or equal to 1 characters', 'name', 'Name', 'en')).toBe(
      'Name must not be blank',
    );
    expect(problemInWords('name must be longer than or equal to 1 characters', 'name', 'الاسم', 'ar')).toBe(
      'الاسم: هذا الحقل مطلوب',
    );
    expect(problemInWords('fullName must not be blank', 'fullName', 'Nom complet', 'fr')).toBe(
      'Nom complet\u00a0: ce champ est obligatoire',
    );
    expect(problemInWords('email must be an email', 'contacts.0.email', 'Email', 'en')).toBe(
      'Email must be an email address',
    );
    expect(problemInWords('email must be an email', 'contacts.0.email', 'Correo', 'es')).toBe(
      'Correo: escriba una dirección de correo electrónico',
    );
    expect(
      problemInWords('password must be longer than or equal to 12 characters', 'password', 'Пароль', 'ru'),
    ).toBe('Пароль: не менее 12 символов');
    expect(
      problemInWords(
        'role must be one of the following values: admin, caseworker, viewer',
        'role',
        'Rôle',
        'fr',
      ),
    ).toBe('Rôle\u00a0: choisissez l’une des options proposées');
    // A problem the table does not know keeps the API's words, behind the field's label.
    expect(problemInWords('is already taken', 'email', 'Email', 'fr')).toBe('Email is already taken');
  });

  it('says the rarer problems of the DTOs behind the pages in the reader’s language', () => {
    const said = (problem: string, field: string, label: string, typed = {}) =>
      problemInWords(problem, field, label, 'fr', typed);
    expect(said('participantId must be a UUID', 'participantId', 'Personne')).toBe(
      'Personne\u00a0: choisissez l’une des options proposées',
    );
    expect(said('country must be an ISO 3166-1 alpha-2 country code', 'country', 'Pays')).toBe(
      'Pays\u00a0: choisissez l’une des options proposées',
    );
    expect(
      said('each value in milestoneDays must not be greater than 36500', 'milestoneDays', 'Étapes'),
    ).toBe('Étapes\u00a0: chacun au plus 36500');
    expect(said('orderedOn must be a real calendar date as YYYY-MM-DD', 'orderedOn', 'Ordonnée le')).toBe(
      'Ordonnée le\u00a0: ce champ est obligatoire',
    );
    expect(
      said(
        'sentenceTerm must be an ISO 8601 duration such as P15Y or P2Y6M, or life, or death',
        'sentenceTerm',
        'Durée',
      ),
    ).toBe(
      'Durée\u00a0: écrivez la durée comme vous la diriez, par exemple «\u00a015 ans\u00a0», ' +
        '«\u00a02 ans et 6 mois\u00a0», «\u00a0perpétuité\u00a0» ou «\u00a0peine de mort\u00a0»',
    );
    expect(said(`${UNREADABLE_TERM}quinze`, 'sentenceTerm', 'Durée')).toMatch(
      /^Durée\u00a0: nous n’avons pas pu lire «\u00a0quinze\u00a0» comme une durée\./,
    );
    expect(
      problemInWords(
        'applies only to hunger_strike, travel_ban and incommunicado events, not to appeal_decision',
        'endedOn',
        'Ended on',
        'en',
      ),
    ).toBe(
      'Ended on applies only to these types: Hunger strike, Travel ban and Held incommunicado; not to Appeal decided',
    );
    expect(
      said(
        'maximumPenalty must be an ISO 8601 term of years, months, weeks or days (P7Y, P6M), life or death',
        'maximumPenalty',
        'Peine maximale',
      ),
    ).toMatch(/^Peine maximale\u00a0: écrivez-la comme vous la diriez, par exemple «\u00a015 ans\u00a0»/);
    expect(said('stoppedBy must contain at least 1 elements', 'stoppedBy', 'Arrêté par')).toBe(
      'Arrêté par\u00a0: indiquez-en au moins 1',
    );
    expect(said("All stoppedBy's elements must be unique", 'stoppedBy', 'Arrêté par')).toBe(
      'Arrêté par\u00a0: indiquez chacun une seule fois',
    );
    expect(said('needs a decision on a court event', 'appealDeadline', 'Délai d’appel')).toBe(
      'Délai d’appel\u00a0: il faut une décision — choisissez ce que le tribunal a décidé',
    );
  });

  it('says which line of a limit’s periods it could not read, with examples in the reader’s words', () => {
    expect(problemInWords('could not be read as a period: toujours', 'periods', 'Périodes', 'fr')).toBe(
      'Périodes\u00a0: nous n’avons pas pu lire «\u00a0toujours\u00a0» comme une période. Écrivez-la comme «\u00a090 jours\u00a0» ou «\u00a04 mois renouvelables par un tribunal\u00a0».',
    );
    expect(problemInWords('could not be read as a period: دائمًا', 'periods', 'المدد', 'ar')).toBe(
      'المدد: تعذّرت قراءة «دائمًا» كمدة. اكتبها مثل «90 يومًا» أو «4 أشهر قابلة للتجديد بقرار من المحكمة».',
    );
  });

  it('says which period the table does not take, and what it takes', () => {
    expect(problemInWords('is not a period the table takes: 5000 jours', 'periods', 'Périodes', 'fr')).toBe(
      'Périodes\u00a0: «\u00a05000 jours\u00a0» n’est pas une période que le tableau accepte\u00a0: de 1 à 3650 jours ou mois',
    );
  });

  it('says why an upload was refused in the reader’s language', () => {
    expect(problemInWords('must be 25 MB or smaller', 'file', 'Fichier', 'fr')).toBe(
      'Fichier\u00a0: le fichier doit faire au plus 25 Mo',
    );
    expect(
      problemInWords(
        "file must be a PDF, PNG, JPG, GIF, WEBP, DOCX file; this file's content is none of them",
        'file',
        'Файл',
        'ru',
      ),
    ).toBe(
      'Файл: файл не относится к принимаемым типам — PDF, изображение (PNG, JPEG, GIF, WebP) или документ Word (DOCX)',
    );
    expect(problemInWords('Choose a file to upload', 'file', 'Archivo', 'es')).toBe(
      'Archivo: elija un archivo para subir',
    );
    expect(
      problemInWords(
        'could not be read: send one file in a multipart/form-data body',
        'sourceFile',
        'الملف',
        'ar',
      ),
    ).toBe('الملف: تعذّرت قراءة الملف. اختره مرة أخرى وأعد إرسال النموذج.');
    expect(problemInWords('must be at most 500 characters', 'citation', 'Référence', 'fr')).toBe(
      'Référence\u00a0: au plus 500 caractères',
    );
  });
});
