import { CURRENT_ZONE_NAMES, TIMEZONE_NAMES } from './options';

// The time zone of a country's courts, so that a caseworker rarely types one. ICU knows each
// country's zones (Intl.Locale#getTimeZones), in alphabetical order and sometimes under old names;
// for the countries Vigil's cases and demo are in, this reviewed table says which zone comes first
// (the capital's, where the courts that hear such cases mostly sit). Nothing is downloaded.

const REVIEWED_ZONES: Record<string, readonly string[]> = {
  AZ: ['Asia/Baku'],
  BD: ['Asia/Dhaka'],
  BI: ['Africa/Bujumbura'],
  BY: ['Europe/Minsk'],
  DZ: ['Africa/Algiers'],
  EG: ['Africa/Cairo'],
  FR: ['Europe/Paris'],
  GE: ['Asia/Tbilisi'],
  IN: ['Asia/Kolkata'],
  IR: ['Asia/Tehran'],
  KE: ['Africa/Nairobi'],
  KG: ['Asia/Bishkek'],
  // Kazakhstan has kept one offset since 2024, but its regions keep their own zone names.
  KZ: [
    'Asia/Almaty',
    'Asia/Qostanay',
    'Asia/Aqtobe',
    'Asia/Aqtau',
    'Asia/Atyrau',
    'Asia/Oral',
    'Asia/Qyzylorda',
  ],
  LK: ['Asia/Colombo'],
  MA: ['Africa/Casablanca'],
  MG: ['Indian/Antananarivo'],
  NP: ['Asia/Kathmandu'],
  RU: ['Europe/Moscow'],
  TH: ['Asia/Bangkok'],
  TN: ['Africa/Tunis'],
  TR: ['Europe/Istanbul'],
  UA: ['Europe/Kyiv', 'Europe/Simferopol'],
};

function icuZones(country: string): string[] {
  try {
    const locale = new Intl.Locale(`und-${country}`) as Intl.Locale & { getTimeZones?: () => string[] };
    return (locale.getTimeZones?.() ?? []).map((zone) => CURRENT_ZONE_NAMES[zone] ?? zone);
  } catch {
    return [];
  }
}

/** The zones of a country (ISO 3166-1 alpha-2), the usual one first; none for a code no one knows. */
export function countryZones(country: string | null | undefined): string[] {
  const code = (country ?? '').trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(code)) {
    return [];
  }
  return [...new Set([...(REVIEWED_ZONES[code] ?? []), ...icuZones(code)])];
}

const cityOf = (zone: string): string => (zone.split('/').pop() ?? zone).toLowerCase();

/**
 * The IANA zone a caseworker means: the name itself in any case ("asia/baku"), or its city alone as
 * people write it ("Baku", "New York", "Calcutta") when only one zone has that city. Undefined when
 * no zone is meant; the DTO then says what a zone looks like.
 */
export function zoneFromTyped(typed: string): string | undefined {
  const text = typed.trim();
  if (text === '') {
    return undefined;
  }
  const exact = TIMEZONE_NAMES.find((zone) => zone.toLowerCase() === text.toLowerCase());
  if (exact) {
    return exact;
  }
  const city = text.toLowerCase().replace(/\s+/g, '_');
  const byCity = new Set([
    ...TIMEZONE_NAMES.filter((zone) => cityOf(zone) === city),
    ...Object.entries(CURRENT_ZONE_NAMES)
      .filter(([old]) => cityOf(old) === city)
      .map(([, current]) => current),
  ]);
  return byCity.size === 1 ? [...byCity][0] : undefined;
}
