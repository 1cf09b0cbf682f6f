import type { Language } from '../i18n/languages';
import { translate } from '../i18n/translate';

// The entries a new case writes for what its form said (the arrest, a release, the stage) carry
// this description. It is stored as written since the first release, in English, and shown to
// each reader in their own words: a reader who knows no English meets it on every case.

export const STARTING_NOTE = 'Recorded with the case.';

/** An event's description as a reader of `language` reads it. */
export const descriptionIn = (description: string, language: Language): string =>
  description === STARTING_NOTE ? translate(language, 'entries.startingNote') : description;
