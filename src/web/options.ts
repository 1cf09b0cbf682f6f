import { isISO31661Alpha2 } from 'class-validator';
import { humanize } from './format';

// Choices the forms offer, built from the same vocabularies the API validates against.

export interface Option {
  value: string;
  label: string;
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** Every ISO 3166-1 alpha-2 code the API accepts, by English name. */
export const COUNTRY_OPTIONS: Option[] = [...LETTERS]
  .flatMap((first) => [...LETTERS].map((second) => first + second))
  .filter((code) => isISO31661Alpha2(code))
  .map((code) => ({ value: code, label: `${regionNames.of(code) ?? code} (${code})` }))
  .sort((a, b) => a.label.localeCompare(b.label, 'en'));

// ICU still lists some zones under their old names; people type the current ones.
export const CURRENT_ZONE_NAMES: Record<string, string> = {
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Europe/Kiev': 'Europe/Kyiv',
};

/** IANA zone names for the time-zone field's suggestions, UTC first. */
export const TIMEZONE_NAMES: string[] = [
  'UTC',
  ...Intl.supportedValuesOf('timeZone')
    .filter((zone) => zone.includes('/'))
    .map((zone) => CURRENT_ZONE_NAMES[zone] ?? zone),
];

/** Options for an enum's values, labelled in words. */
export const enumOptions = (values: readonly string[]): Option[] =>
  values.map((value) => ({ value, label: humanize(value) }));
