// Vocabulary shared by every timeline entry (events, charges, hearings, custody orders).

export const VISIBILITIES = ['public', 'internal', 'confidential'] as const;
/** public may go into advocacy exports; internal stays in Vigil; confidential is also hidden from viewers. */
export type Visibility = (typeof VISIBILITIES)[number];

export const DATE_PRECISIONS = ['day', 'month', 'year'] as const;
/** "22 November 2021" is a day, "In October 2020" a month, "In 2016" a year. */
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

/** A calendar day as 'YYYY-MM-DD': the form `date` columns are read and written in. */
export type IsoDate = string;
