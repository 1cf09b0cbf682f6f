import type { EmailLanguage } from './reminder-email';

// What the reminders that follow a detention history say (sentence ending, release overdue, no
// custody order, hunger strike days, an appeal deadline), in each email language; `when` and `day` come formatted.

export interface DetentionWords {
  sentenceEnds: (when: string, name: string, day: string) => string;
  releaseOverdue: (name: string, day: string) => string;
  noCustodyOrder: (name: string, day: string) => string;
  hungerStrike: (days: number, name: string, day: string) => string;
  /** The last day to appeal a decision (appeal_deadline). */
  appealDeadline: (when: string, name: string, day: string) => string;
  /** Digest lines. */
  digestDetention: string;
  expectedRelease: string;
  hungerStrikeDays: (days: number) => string;
}

export const DETENTION_WORDS: Record<EmailLanguage, DetentionWords> = {
  en: {
    sentenceEnds: (when, name, day) => `Sentence complete ${when}: ${name} — expected release ${day}`,
    releaseOverdue: (name, day) =>
      `Release overdue: ${name} — sentence complete on ${day}, no release recorded`,
    noCustodyOrder: (name, day) => `No custody order in force: ${name} — the last one ended on ${day}`,
    hungerStrike: (days, name, day) => `${days} days on hunger strike: ${name} — since ${day}`,
    appealDeadline: (when, name, day) => `Appeal deadline ${when}: ${name} — last day to appeal ${day}`,
    digestDetention: 'Where things stand on the cases you watch:',
    expectedRelease: 'Expected release at the end of the sentence',
    hungerStrikeDays: (days) => `${days} days on hunger strike`,
  },
  ru: {
    sentenceEnds: (when, name, day) =>
      `Срок наказания истекает ${when}: ${name} — ожидаемое освобождение ${day}`,
    releaseOverdue: (name, day) =>
      `Освобождение задерживается: ${name} — срок истёк ${day}, освобождение не отмечено`,
    noCustodyOrder: (name, day) => `Нет действующего решения о страже: ${name} — последнее истекло ${day}`,
    hungerStrike: (days, name, day) => `${days} дн. голодовки: ${name} — с ${day}`,
    appealDeadline: (when, name, day) => `Срок обжалования истекает ${when}: ${name} — последний день ${day}`,
    digestDetention: 'Положение по делам, за которыми вы следите:',
    expectedRelease: 'Ожидаемое освобождение по окончании срока',
    hungerStrikeDays: (days) => `${days} дн. голодовки`,
  },
  fr: {
    sentenceEnds: (when, name, day) => `Fin de peine ${when}: ${name} — libération prévue le ${day}`,
    releaseOverdue: (name, day) =>
      `Libération en retard: ${name} — peine purgée le ${day}, aucune libération enregistrée`,
    noCustodyOrder: (name, day) =>
      `Aucune décision de détention en vigueur: ${name} — la dernière a pris fin le ${day}`,
    hungerStrike: (days, name, day) => `${days} jours de grève de la faim: ${name} — depuis le ${day}`,
    appealDeadline: (when, name, day) =>
      `Délai d’appel ${when}: ${name} — dernier jour pour faire appel le ${day}`,
    digestDetention: 'Où en sont les affaires que vous suivez :',
    expectedRelease: 'Libération prévue en fin de peine',
    hungerStrikeDays: (days) => `${days} jours de grève de la faim`,
  },
  es: {
    sentenceEnds: (when, name, day) => `La pena se cumple ${when}: ${name} — liberación prevista el ${day}`,
    releaseOverdue: (name, day) =>
      `Liberación atrasada: ${name} — pena cumplida el ${day}, sin liberación registrada`,
    noCustodyOrder: (name, day) => `Sin orden de detención vigente: ${name} — la última venció el ${day}`,
    hungerStrike: (days, name, day) => `${days} días de huelga de hambre: ${name} — desde el ${day}`,
    appealDeadline: (when, name, day) =>
      `Plazo de apelación ${when}: ${name} — último día para apelar el ${day}`,
    digestDetention: 'Situación en los casos que sigue:',
    expectedRelease: 'Liberación prevista al cumplir la pena',
    hungerStrikeDays: (days) => `${days} días de huelga de hambre`,
  },
};
