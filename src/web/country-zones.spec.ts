import { countryZones, zoneFromTyped } from './country-zones';

describe('time zones from the country', () => {
  it('gives a one-zone country its zone, under its current name', () => {
    expect(countryZones('IN')).toEqual(['Asia/Kolkata']);
    expect(countryZones('az')).toEqual(['Asia/Baku']);
    expect(countryZones('BI')).toEqual(['Africa/Bujumbura']);
  });

  it('puts the usual zone first where a country has several, and lists the others', () => {
    const russia = countryZones('RU');
    expect(russia[0]).toBe('Europe/Moscow');
    expect(russia).toEqual(expect.arrayContaining(['Asia/Vladivostok', 'Europe/Kaliningrad']));
    expect(new Set(russia).size).toBe(russia.length);
    expect(countryZones('UA')).toEqual(['Europe/Kyiv', 'Europe/Simferopol']);
    expect(countryZones('US')).toEqual(expect.arrayContaining(['America/New_York', 'America/Los_Angeles']));
  });

  it('knows every zone of every country the demo and the tests use', () => {
    for (const country of [
      'BD',
      'BI',
      'BY',
      'DZ',
      'EG',
      'FR',
      'GE',
      'IN',
      'IR',
      'KE',
      'KG',
      'KZ',
      'LK',
      'MA',
      'MG',
      'NP',
      'TH',
      'TN',
      'TR',
    ]) {
      const zones = countryZones(country);
      expect(zones.length).toBeGreaterThan(0);
      zones.forEach((zone) => expect(() => new Intl.DateTimeFormat('en', { timeZone: zone })).not.toThrow());
    }
  });

  it('has no zone for a code that is no country', () => {
    expect(countryZones('XX')).toEqual([]);
    expect(countryZones('')).toEqual([]);
    expect(countryZones(null)).toEqual([]);
  });

  it('reads a zone typed by its city or in any case', () => {
    expect(zoneFromTyped('Baku')).toBe('Asia/Baku');
    expect(zoneFromTyped(' new york ')).toBe('America/New_York');
    expect(zoneFromTyped('Calcutta')).toBe('Asia/Kolkata');
    expect(zoneFromTyped('Kolkata')).toBe('Asia/Kolkata');
    expect(zoneFromTyped('asia/baku')).toBe('Asia/Baku');
    expect(zoneFromTyped('UTC')).toBe('UTC');
  });

  it('reads nothing into what names no zone', () => {
    expect(zoneFromTyped('Atlantis')).toBeUndefined();
    expect(zoneFromTyped('+05:30')).toBeUndefined();
    expect(zoneFromTyped('')).toBeUndefined();
  });
});
