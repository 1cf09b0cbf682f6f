import { IsoDate } from '../common/entry';
import { CaseStages, deriveStages, StageEvent, StageInput } from './case-stages';
import { DetentionHistory, DetentionInput, deriveDetention } from './detention-history';

/*
 * Co-accused as participants: each person in a case has a story of their own. An entry either
 * belongs to one participant (their arrest, bail, charges, custody orders) or concerns everyone
 * (participantId null: a hearing, a raid, an arrest of the whole group). A participant's story is
 * their own entries plus the shared ones, and their detention is the one fold (deriveDetention)
 * of that story: nothing else decides who is held. So are their stages, status and verdict (the one
 * stage fold, deriveStages, of that story): a co-accused's own conviction is theirs alone.
 */

/** What an entry says about whom it concerns: a participant's defender id, or null for everyone. */
export interface ParticipantOwned {
  participantId?: string | null;
}

/** True when the entry is part of this participant's story: theirs, or shared. */
export const concerns = (entry: ParticipantOwned, participantId: string): boolean =>
  entry.participantId === null || entry.participantId === undefined || entry.participantId === participantId;

/** The entries of a case that tell one participant's story. */
export function storyOf<T extends ParticipantOwned>(entries: readonly T[], participantId: string): T[] {
  return entries.filter((entry) => concerns(entry, participantId));
}

type OwnedInput = DetentionInput & {
  events: (DetentionInput['events'][number] & ParticipantOwned)[];
  custodyOrders: (DetentionInput['custodyOrders'][number] & ParticipantOwned)[];
  charges?: (NonNullable<DetentionInput['charges']>[number] & ParticipantOwned)[];
};

/** A case's fold input narrowed to one participant's story (hearings are always shared). */
export function participantInput<T extends OwnedInput>(input: T, participantId: string): T {
  return {
    ...input,
    events: storyOf(input.events, participantId),
    custodyOrders: storyOf(input.custodyOrders, participantId),
    ...(input.charges ? { charges: storyOf(input.charges, participantId) } : {}),
  };
}

/** Each participant's detention history, from the case's entries, in the order the ids are given. */
export function deriveParticipants(
  input: OwnedInput,
  participantIds: readonly string[],
  today: IsoDate,
): Map<string, DetentionHistory> {
  return new Map(participantIds.map((id) => [id, deriveDetention(participantInput(input, id), today)]));
}

/** A case's stage fold input with whom each entry concerns (hearings always concern everyone). */
export interface OwnedStageInput extends Omit<StageInput, 'events' | 'charged'> {
  events: (StageEvent & ParticipantOwned)[];
  /** Whom each charge past its charge sheet (CHARGE_SHEET_FILED) concerns. */
  filedCharges: ParticipantOwned[];
}

/** The stage fold's input for one participant: their own entries and the shared ones. */
export function participantStageInput(input: OwnedStageInput, participantId: string): StageInput {
  return {
    events: storyOf(input.events, participantId),
    hearings: input.hearings,
    charged: input.filedCharges.some((charge) => concerns(charge, participantId)),
    court: input.court,
    override: input.override,
  };
}

/** Each participant's stages, status and verdict, from the case's entries, in the order the ids are given. */
export function deriveParticipantStages(
  input: OwnedStageInput,
  participantIds: readonly string[],
): Map<string, CaseStages> {
  return new Map(participantIds.map((id) => [id, deriveStages(participantStageInput(input, id))]));
}
