import { MigrationInterface, QueryRunner } from 'typeorm';

const TERM = `'^(P(?=[0-9])([0-9]+Y)?([0-9]+M)?([0-9]+W)?([0-9]+D)?|life|death)$'`;

/** Rows this migration adds (the down migration removes them by reference). */
const ADDED = [
  'J&K PSA s.18(1)(a)',
  'J&K PSA s.18(1)(b)',
  'Thai CPC s.87 (6 months to 10 years)',
  'Thai CPC s.87 (10 years or more)',
  'Egypt CCP art. 143 (death or life)',
  'Algeria CPP art. 125 (délit)',
  'Algeria CPP art. 125-1 (crime)',
  'Algeria CPP art. 125-1 (crime, 20 years or more)',
];

// A statutory limit becomes data: its law and section with a citation of the text, its scope (bases
// of detention, statute charged, the gravity of the offence), what starts and stops it, its periods
// and what exceeding it means. Charges get the maximum penalty the gravity is read from.
// Existing rows keep their ids (pending reminders point at them): their days and extended days
// become periods (the extension one a court must order), they stop at the charge sheet as before
// and now also at release; the three rows Vigil shipped are rewritten as reviewed.
export class StatutoryLimitsAsData1796600000000 implements MigrationInterface {
  name = 'StatutoryLimitsAsData1796600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE charges ADD COLUMN maximum_penalty text CHECK (maximum_penalty ~ ${TERM});

      ALTER TABLE statutory_limits
        ADD COLUMN law text NOT NULL DEFAULT '',
        ADD COLUMN section text NOT NULL DEFAULT '',
        ADD COLUMN citation text NOT NULL DEFAULT '',
        ADD COLUMN citation_url text CHECK (citation_url ~ '^https?://'),
        ADD COLUMN rule text CHECK (length(trim(rule)) > 0),
        ADD COLUMN priority integer NOT NULL DEFAULT 0,
        ADD COLUMN bases text[] NOT NULL DEFAULT '{}'
          CHECK (bases <@ ARRAY['police', 'judicial', 'pre_trial', 'administrative']),
        ADD COLUMN section_pattern text NOT NULL DEFAULT '',
        ADD COLUMN penalty_from text CHECK (penalty_from ~ ${TERM}),
        ADD COLUMN penalty_below text CHECK (penalty_below ~ ${TERM}),
        ADD COLUMN starts_on text NOT NULL DEFAULT 'arrest'
          CHECK (starts_on IN ('arrest', 'custody_start', 'each_order')),
        ADD COLUMN stopped_by text[] NOT NULL DEFAULT '{charge_sheet,release}'
          CHECK (cardinality(stopped_by) > 0
                 AND stopped_by <@ ARRAY['charge_sheet', 'indictment', 'committal', 'judgment', 'release']),
        ADD COLUMN periods jsonb,
        ADD COLUMN exceeding text NOT NULL DEFAULT '',
        ADD COLUMN note text NOT NULL DEFAULT '';

      UPDATE statutory_limits SET
        citation = reference,
        periods = jsonb_build_array(jsonb_build_object('length', days, 'unit', 'days', 'renewedByCourt', false))
          || CASE WHEN extended_days IS NULL THEN '[]'::jsonb
                  ELSE jsonb_build_array(jsonb_build_object(
                         'length', extended_days - days, 'unit', 'days', 'renewedByCourt', true)) END;

      ALTER TABLE statutory_limits
        ALTER COLUMN periods SET NOT NULL,
        ADD CONSTRAINT statutory_limits_periods_check
          CHECK (jsonb_typeof(periods) = 'array' AND jsonb_array_length(periods) > 0),
        DROP COLUMN days,
        DROP COLUMN extended_days;
    `);

    const crpc = 'IN CrPC s.167(2) default bail';
    const period = (length: number, unit: string, renewedByCourt: boolean) => ({
      length,
      unit,
      renewedByCourt,
    });
    const reviewed = [
      {
        reference: 'UAPA s.43D(2)',
        law: 'Unlawful Activities (Prevention) Act 1967',
        section: 's.43D(2)(b)',
        citation:
          'UAPA s.43D(2)(b): s.167(2) CrPC applies to UAPA offences with "ninety days" for the periods it states; ' +
          "the court may extend it to 180 days on the Public Prosecutor's report showing the progress of the investigation.",
        citationUrl: null,
        description:
          'Charge sheet due within 90 days of the first remand; 180 days when the court extends it. After that the accused may claim default bail.',
        rule: crpc,
        priority: 1,
        bases: ['police', 'judicial', 'pre_trial'],
        lawPattern: 'Unlawful Activities (Prevention) Act',
        penaltyFrom: null,
        penaltyBelow: null,
        startsOn: 'arrest',
        stoppedBy: ['charge_sheet', 'release'],
        periods: [period(90, 'days', false), period(90, 'days', true)],
        exceeding:
          'An indefeasible right to default bail (s.167(2) CrPC) if the accused applies before the charge sheet is filed.',
        note:
          'Counted here from the arrest; the courts count from the first remand by a magistrate, usually the next day. ' +
          'Whether the court granted the extension is not checked: met means filed within 180 days.',
      },
      {
        reference: 'CrPC s.167(2)(a)(i)',
        law: 'Code of Criminal Procedure 1973',
        section: 's.167(2)(a)(i)',
        citation:
          'CrPC s.167(2) proviso (a)(i): detention pending investigation may not exceed ninety days where it relates ' +
          'to an offence punishable with death, imprisonment for life or imprisonment for not less than ten years.',
        citationUrl: null,
        description:
          'Charge sheet due within 90 days of the first remand for offences punishable with death, life imprisonment or at least ten years.',
        rule: crpc,
        priority: 2,
        bases: ['police', 'judicial', 'pre_trial'],
        lawPattern: '',
        penaltyFrom: 'P10Y',
        penaltyBelow: null,
        startsOn: 'arrest',
        stoppedBy: ['charge_sheet', 'release'],
        periods: [period(90, 'days', false)],
        exceeding: 'The accused is entitled to default bail on applying before the charge sheet is filed.',
        note:
          'Since 1 July 2024 the Bharatiya Nagarik Suraksha Sanhita 2023 s.187(3) sets the same 60/90 days; cases ' +
          'registered from then cite it instead. Counted from the arrest, not the first remand.',
      },
      {
        reference: 'CrPC s.167(2)(a)(ii)',
        law: 'Code of Criminal Procedure 1973',
        section: 's.167(2)(a)(ii)',
        citation:
          'CrPC s.167(2) proviso (a)(ii): detention pending investigation may not exceed sixty days where it relates to any other offence.',
        citationUrl: null,
        description: 'Charge sheet due within 60 days of the first remand for any other offence.',
        rule: crpc,
        priority: 3,
        bases: ['police', 'judicial', 'pre_trial'],
        lawPattern: '',
        penaltyFrom: null,
        penaltyBelow: 'P10Y',
        startsOn: 'arrest',
        stoppedBy: ['charge_sheet', 'release'],
        periods: [period(60, 'days', false)],
        exceeding: 'The accused is entitled to default bail on applying before the charge sheet is filed.',
        note: 'As for s.167(2)(a)(i): BNSS s.187(3) since 1 July 2024; counted from the arrest.',
      },
    ];
    const added = [
      {
        reference: ADDED[0],
        country: 'IN',
        law: 'Jammu and Kashmir Public Safety Act 1978',
        section: 's.18(1)(a)',
        citation:
          'J&K PSA s.18(1)(a): a person detained as acting prejudicially to the maintenance of public order may be held ' +
          'for at most twelve months from the date of detention.',
        citationUrl: null,
        description: 'Administrative detention on public-order grounds (s.8(1)(a)(ii)): at most 12 months.',
        rule: 'IN J&K PSA s.18 maximum',
        priority: 1,
        bases: ['administrative'],
        lawPattern: 'Public Safety Act',
        sectionPattern: '8(1)(a)(ii)',
        startsOn: 'custody_start',
        stoppedBy: ['release'],
        periods: [period(12, 'months', false)],
        exceeding: 'Detention beyond the maximum is without authority of law; a habeas corpus petition lies.',
        note:
          'Scope read from the charge recorded for the detention order: record the PSA with its ground, s.8(1)(a)(i) ' +
          '(security of the State) or s.8(1)(a)(ii) (public order). The order must also be confirmed by the Advisory Board, not checked here.',
      },
      {
        reference: ADDED[1],
        country: 'IN',
        law: 'Jammu and Kashmir Public Safety Act 1978',
        section: 's.18(1)(b)',
        citation:
          'J&K PSA s.18(1)(b): a person detained as acting prejudicially to the security of the State may be held for ' +
          'at most two years from the date of detention.',
        citationUrl: null,
        description:
          'Administrative detention on security-of-the-State grounds (s.8(1)(a)(i)): at most 2 years.',
        rule: 'IN J&K PSA s.18 maximum',
        priority: 2,
        bases: ['administrative'],
        lawPattern: 'Public Safety Act',
        sectionPattern: '8(1)(a)(i)',
        startsOn: 'custody_start',
        stoppedBy: ['release'],
        periods: [period(24, 'months', false)],
        exceeding: 'Detention beyond the maximum is without authority of law; a habeas corpus petition lies.',
        note: 'As for s.18(1)(a). Whether release and re-detention on new grounds restarts the count is not modelled.',
      },
      {
        reference: ADDED[2],
        country: 'TH',
        law: 'Criminal Procedure Code B.E. 2477 (1934)',
        section: 's.87',
        citation:
          'Thai CPC s.87: for an offence whose maximum penalty is more than six months but less than ten years, the ' +
          'court may order custody several times, each for at most twelve days, in all at most forty-eight days.',
        citationUrl: 'http://thailawforum.com/?p=7829',
        description:
          'Court-ordered custody during the inquiry in blocks of 12 days, 48 days in all, until the prosecutor files the case.',
        rule: 'TH CPC s.87 custody during inquiry',
        priority: 2,
        bases: ['judicial', 'pre_trial'],
        lawPattern: '',
        penaltyFrom: 'P6M1D',
        penaltyBelow: 'P10Y',
        startsOn: 'custody_start',
        stoppedBy: ['indictment', 'release'],
        periods: [12, 12, 12, 12].map((days, i) => period(days, 'days', i > 0)),
        exceeding: 'The alleged offender must be released; the public prosecutor may still file the case.',
        note:
          'Offences with a maximum penalty of six months or less allow one order of at most 7 days (not encoded). ' +
          'The law counts from the first court order; Vigil counts from the start of custody (the arrest), so its last day may come up to two days early.',
      },
      {
        reference: ADDED[3],
        country: 'TH',
        law: 'Criminal Procedure Code B.E. 2477 (1934)',
        section: 's.87',
        citation:
          'Thai CPC s.87: for an offence whose maximum penalty is ten years or more, the court may order custody ' +
          'several times, each for at most twelve days, in all at most eighty-four days.',
        citationUrl: 'http://thailawforum.com/?p=7829',
        description:
          'Court-ordered custody during the inquiry in blocks of 12 days, 84 days in all, until the prosecutor files the case.',
        rule: 'TH CPC s.87 custody during inquiry',
        priority: 1,
        bases: ['judicial', 'pre_trial'],
        lawPattern: '',
        penaltyFrom: 'P10Y',
        penaltyBelow: null,
        startsOn: 'custody_start',
        stoppedBy: ['indictment', 'release'],
        periods: [12, 12, 12, 12, 12, 12, 12].map((days, i) => period(days, 'days', i > 0)),
        exceeding: 'The alleged offender must be released; the public prosecutor may still file the case.',
        note: 'Beyond 48 days each further order needs the prosecutor and inquiry official to show necessity, not checked here.',
      },
      {
        reference: ADDED[4],
        country: 'EG',
        law: 'Code of Criminal Procedure (Law 150 of 1950)',
        section: 'art. 143',
        citation:
          'Egypt CCP art. 143 (as amended by Law 145 of 2006): pre-trial detention during the investigation and all ' +
          'stages of the case may not exceed two years where the penalty is death or life imprisonment.',
        citationUrl: null,
        description:
          'Pre-trial detention for offences punishable with death or life imprisonment: at most 2 years in all.',
        rule: 'EG CCP art. 143 cap',
        priority: 1,
        bases: ['police', 'judicial', 'pre_trial'],
        lawPattern: '',
        penaltyFrom: 'life',
        penaltyBelow: null,
        startsOn: 'custody_start',
        stoppedBy: ['judgment', 'release'],
        periods: [period(24, 'months', false)],
        exceeding: 'The detainee must be released; detention beyond the cap has no legal basis.',
        note:
          'Not encoded: the 6-month (misdemeanour) and 18-month (felony) caps of the same article; the 2013 amendment ' +
          'letting the Court of Cassation or retrial court renew detention in 45-day terms without the cap after a ' +
          'death or life sentence; the new Code of Criminal Procedure of 2025, which shortens the caps. Review before relying on it.',
      },
      {
        reference: ADDED[5],
        country: 'DZ',
        law: 'Code de procédure pénale (ordonnance 66-155)',
        section: 'art. 125',
        citation:
          'CPP art. 125 (ordonnance 15-02 of 2015): in a délit punishable by more than three years, détention ' +
          "provisoire may not exceed four months; the juge d'instruction may extend it once by four months.",
        citationUrl: null,
        description:
          'Détention provisoire for a délit: 4 months, once extended by 4 months: 8 months in all.',
        rule: 'DZ CPP détention provisoire',
        priority: 3,
        bases: ['police', 'judicial', 'pre_trial'],
        lawPattern: '',
        penaltyFrom: 'P3Y1D',
        penaltyBelow: 'P5Y1D',
        startsOn: 'custody_start',
        stoppedBy: ['committal', 'judgment', 'release'],
        periods: [period(4, 'months', false), period(4, 'months', true)],
        exceeding: "The inculpé must be released (art. 125); the chambre d'accusation may be seized.",
        note:
          'A délit is taken as punishable by at most five years. Art. 124 (three years or less: one month at most, ' +
          'and only where the offence caused a death or a manifest breach of public order) is not encoded.',
      },
      {
        reference: ADDED[6],
        country: 'DZ',
        law: 'Code de procédure pénale (ordonnance 66-155)',
        section: 'art. 125-1',
        citation:
          "CPP art. 125-1: in a crime, détention provisoire is four months; the juge d'instruction may extend it " +
          'twice by four months each.',
        citationUrl: null,
        description:
          'Détention provisoire for a crime: 4 months, twice extended by 4 months: 12 months in all.',
        rule: 'DZ CPP détention provisoire',
        priority: 2,
        bases: ['police', 'judicial', 'pre_trial'],
        lawPattern: '',
        penaltyFrom: 'P5Y1D',
        penaltyBelow: 'P20Y',
        startsOn: 'custody_start',
        stoppedBy: ['committal', 'judgment', 'release'],
        periods: [4, 4, 4].map((months, i) => period(months, 'months', i > 0)),
        exceeding:
          "The inculpé must be released; the chambre d'accusation may extend only as art. 125 bis allows.",
        note:
          'Not encoded: five extensions for terrorist or subversive crimes, eleven for transnational organised crime, ' +
          "and the chambre d'accusation's further extensions (art. 125 bis). Review before relying on it.",
      },
      {
        reference: ADDED[7],
        country: 'DZ',
        law: 'Code de procédure pénale (ordonnance 66-155)',
        section: 'art. 125-1 para. 2',
        citation:
          "CPP art. 125-1: for crimes punishable by twenty years or more, life or death, the juge d'instruction may " +
          'extend détention provisoire three times by four months each.',
        citationUrl: null,
        description:
          'Détention provisoire for a crime punishable by 20 years or more, life or death: 16 months in all.',
        rule: 'DZ CPP détention provisoire',
        priority: 1,
        bases: ['police', 'judicial', 'pre_trial'],
        lawPattern: '',
        penaltyFrom: 'P20Y',
        penaltyBelow: null,
        startsOn: 'custody_start',
        stoppedBy: ['committal', 'judgment', 'release'],
        periods: [4, 4, 4, 4].map((months, i) => period(months, 'months', i > 0)),
        exceeding:
          "The inculpé must be released; the chambre d'accusation may extend only as art. 125 bis allows.",
        note: 'As for art. 125-1 (crime).',
      },
    ];
    for (const row of reviewed) {
      await queryRunner.query(
        `UPDATE statutory_limits SET law = $2, section = $3, citation = $4, citation_url = $5, description = $6,
                rule = $7, priority = $8, bases = $9, law_pattern = $10, penalty_from = $11, penalty_below = $12,
                starts_on = $13, stopped_by = $14, periods = $15, exceeding = $16, note = $17, updated_at = now()
          WHERE country = 'IN' AND reference = $1`,
        [
          row.reference,
          row.law,
          row.section,
          row.citation,
          row.citationUrl,
          row.description,
          row.rule,
          row.priority,
          row.bases,
          row.lawPattern,
          row.penaltyFrom,
          row.penaltyBelow,
          row.startsOn,
          row.stoppedBy,
          JSON.stringify(row.periods),
          row.exceeding,
          row.note,
        ],
      );
    }
    for (const row of added) {
      await queryRunner.query(
        `INSERT INTO statutory_limits (country, reference, law, section, citation, citation_url, description, rule,
                priority, bases, law_pattern, section_pattern, penalty_from, penalty_below, starts_on, stopped_by,
                periods, exceeding, note)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)`,
        [
          row.country,
          row.reference,
          row.law,
          row.section,
          row.citation,
          row.citationUrl,
          row.description,
          row.rule,
          row.priority,
          row.bases,
          row.lawPattern,
          'sectionPattern' in row ? row.sectionPattern : '',
          'penaltyFrom' in row ? row.penaltyFrom : null,
          'penaltyBelow' in row ? row.penaltyBelow : null,
          row.startsOn,
          row.stoppedBy,
          JSON.stringify(row.periods),
          row.exceeding,
          row.note,
        ],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Rows that do not fit the old shape (months, more than two periods) keep their length in days.
    await queryRunner.query(`DELETE FROM statutory_limits WHERE reference = ANY($1)`, [ADDED]);
    await queryRunner.query(`
      ALTER TABLE statutory_limits
        ADD COLUMN days integer,
        ADD COLUMN extended_days integer;
      UPDATE statutory_limits SET
        days = (periods->0->>'length')::int * CASE WHEN periods->0->>'unit' = 'months' THEN 30 ELSE 1 END,
        extended_days = CASE WHEN jsonb_array_length(periods) > 1
          THEN (SELECT sum((p->>'length')::int * CASE WHEN p->>'unit' = 'months' THEN 30 ELSE 1 END)
                  FROM jsonb_array_elements(periods) p)::int END;
      ALTER TABLE statutory_limits
        ALTER COLUMN days SET NOT NULL,
        ADD CHECK (days > 0 AND days <= 3650),
        ADD CHECK (extended_days > days AND extended_days <= 3650),
        DROP COLUMN law, DROP COLUMN section, DROP COLUMN citation, DROP COLUMN citation_url, DROP COLUMN rule,
        DROP COLUMN priority, DROP COLUMN bases, DROP COLUMN section_pattern, DROP COLUMN penalty_from,
        DROP COLUMN penalty_below, DROP COLUMN starts_on, DROP COLUMN stopped_by, DROP COLUMN periods,
        DROP COLUMN exceeding, DROP COLUMN note;
      ALTER TABLE charges DROP COLUMN maximum_penalty;
    `);
  }
}
