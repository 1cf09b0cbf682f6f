import { findOrFail } from '../common/entity-lookup';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, Not } from 'typeorm';
import { defenderVisibleSql, knownReader } from '../access/access-policy';
import { AuditActor, AuditService } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { todayIn } from '../common/calendar-day';
import { Case } from '../cases/case.entity';
import { coAccusedIdsOf } from '../cases/participant-store';
import { Charge, ChargeStatus } from '../charges/charge.entity';
import { ChargesService } from '../charges/charges.service';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { Visibility } from '../common/entry';
import { CustodyService } from '../custody/custody.service';
import { EventsService } from '../events/events.service';
import { Hearing } from '../hearings/hearing.entity';
import { applyChanges } from '../hearings/case-entries';
import { HearingsService } from '../hearings/hearings.service';
import { ReminderScheduler } from '../reminders/reminder-scheduler';
import { ChronologyLink } from './chronology-link.entity';
import { ClosingLine } from './closing-line.entity';
import { ImportChronologyDto } from './dto/import-chronology.dto';
import { Defender } from '../defenders/defender.entity';
import { CheckedUpload, DocumentsService } from '../documents/documents.service';
import { LASTING_TYPES } from '../cases/detention-model';
import { blockingProblems, ImportPreview, PreviewEntry, resolveChoices } from './import-choices';
import { DetectedCharge, parseChronology } from './import-parser';

export type { ImportPreview, PreviewEntry } from './import-choices';

export interface ImportCounts {
  events: number;
  custodyOrders: number;
  hearings: number;
  charges: number;
  chargesUpdated: number;
}

/** A file given as the source of the entries: of all of them, or of the ones named. */
export interface ImportSourceFile {
  upload: CheckedUpload;
  entries?: string[];
}

export interface ImportResult extends ImportPreview {
  confirmed: true;
  created: ImportCounts;
}

// A later mention of a charge moves it forward (alleged → in the charge sheet), never back.
const CHARGE_PROGRESS: Record<ChargeStatus, number> = {
  alleged: 0,
  in_charge_sheet: 1,
  framed: 2,
  dropped: 3,
  convicted: 3,
  acquitted: 3,
};

const chargeKey = (law: string, section: string): string =>
  `${law.trim().replace(/\s+/g, ' ').toLowerCase()}|${section.trim().toUpperCase()}`;

const firstParagraph = (text: string): string => text.split(/\n\s*\n/)[0].trim();

const LASTING: readonly string[] = LASTING_TYPES;

/** The fields of its type an entry carries, when the text (or the caseworker) gave them. */
function eventFields(entry: PreviewEntry) {
  return {
    ...(LASTING.includes(entry.type) && entry.endedOn ? { endedOn: entry.endedOn } : {}),
    ...(entry.type === 'bail_granted' && entry.bailConditions
      ? { bailConditions: entry.bailConditions }
      : {}),
    ...(entry.type === 'sentence' && entry.sentenceTerm ? { sentenceTerm: entry.sentenceTerm } : {}),
  };
}

@Injectable()
export class ChronologyImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly reminders: ReminderScheduler,
    private readonly events: EventsService,
    private readonly charges: ChargesService,
    private readonly custody: CustodyService,
    private readonly hearings: HearingsService,
    private readonly documents: DocumentsService,
  ) {}

  /** The preview; with `confirm`, everything written in one transaction, or nothing at all. */
  async importText(
    actor: AuthUser,
    caseId: string,
    input: ImportChronologyDto,
    sourceFile?: ImportSourceFile,
  ): Promise<ImportPreview | ImportResult> {
    const owner = await findOrFail(this.dataSource.manager, Case, caseId, 'Case');
    const preview = await this.preview(this.dataSource.manager, actor, owner, input);
    if (!input.confirm) {
      return preview;
    }
    const problems = blockingProblems(preview, todayIn(this.clock.now(), owner.timezone));
    if (problems.length > 0) {
      throw new DomainError('VALIDATION', 'The import cannot be saved as it is', problems);
    }
    const created = await this.dataSource.transaction((manager) =>
      this.write(manager, actor, caseId, preview, input.visibility ?? 'public', input, sourceFile),
    );
    return { ...preview, confirmed: true, created };
  }

  private async preview(
    manager: EntityManager,
    reader: AuthUser,
    owner: Case,
    input: ImportChronologyDto,
  ): Promise<ImportPreview> {
    const closingLines = await manager.findBy(ClosingLine, { country: owner.country });
    // Every defender's names: an entry about someone else must be recognised as such. Only those
    // the reader may see (access-policy.ts): a preview must not name, or match, a hidden one.
    const defenders = await manager
      .createQueryBuilder(Defender, 'defender')
      .select(['defender.id', 'defender.fullName', 'defender.otherNames'])
      .where(defenderVisibleSql('defender.id', knownReader(reader, ':readerId')), { readerId: reader.id })
      .getMany();
    const today = todayIn(this.clock.now(), owner.timezone);
    const coAccusedIds = await coAccusedIdsOf(manager, owner.id);
    const parsed = parseChronology(input.text, {
      lang: input.lang ?? 'en',
      today,
      closingLines: closingLines.map((line) => line.text),
      people: defenders.map((defender) => ({
        id: defender.id,
        names: [defender.fullName, ...defender.otherNames],
      })),
      defenderId: owner.defenderId,
      coAccusedIds,
    });
    const { entries, problems } = resolveChoices(
      parsed,
      owner.defenderId,
      input.keep,
      input.sources,
      coAccusedIds,
    );
    if (problems.length > 0) {
      throw new DomainError('VALIDATION', 'The choices do not fit the preview', problems);
    }
    // Offered as persons: the people of the case and whoever the entries name.
    const named = new Set([owner.defenderId, ...coAccusedIds, ...entries.flatMap((entry) => entry.people)]);
    const preview = {
      ...parsed,
      entries,
      people: defenders
        .filter((defender) => named.has(defender.id))
        .map((defender) => ({ id: defender.id, name: defender.fullName })),
      defenderId: owner.defenderId,
    };
    return { ...preview, blocking: blockingProblems(preview, today).length > 0 };
  }

  private async write(
    manager: EntityManager,
    actor: AuditActor,
    caseId: string,
    preview: ImportPreview,
    visibility: Visibility,
    input: ImportChronologyDto,
    sourceFile?: ImportSourceFile,
  ): Promise<ImportCounts> {
    // One import at a time per case, so two caseworkers cannot both create "the" 24 March order.
    const owner = await manager.findOneOrFail(Case, {
      where: { id: caseId },
      lock: { mode: 'pessimistic_write' },
    });
    const today = todayIn(this.clock.now(), owner.timezone);
    const counts: ImportCounts = { events: 0, custodyOrders: 0, hearings: 0, charges: 0, chargesUpdated: 0 };

    const chargesByKey = new Map(
      (await manager.findBy(Charge, { caseId })).map((charge) => [
        chargeKey(charge.law, charge.section ?? ''),
        charge,
      ]),
    );
    const hearingsByDay = new Map<string, string>();
    for (const hearing of await manager.findBy(Hearing, { caseId, status: Not('cancelled' as const) })) {
      hearingsByDay.set(hearing.scheduledLocal.slice(0, 10), hearing.id);
    }
    // Hearings made by this import, whose outcome it may still record.
    const fresh = new Set<string>();
    const linked = new Set<string>(
      (
        (await manager.query(
          `SELECT coalesce(link.charge_id, link.hearing_id, link.custody_order_id) AS record_id
             FROM chronology_links link JOIN events event ON event.id = link.event_id
            WHERE event.case_id = $1`,
          [caseId],
        )) as { record_id: string }[]
      ).map((row) => row.record_id),
    );

    const link = async (
      eventId: string,
      record: { chargeId?: string; hearingId?: string; custodyOrderId?: string },
    ): Promise<void> => {
      const recordId = record.chargeId ?? record.hearingId ?? record.custodyOrderId;
      if (!recordId || linked.has(recordId)) {
        return;
      }
      linked.add(recordId);
      const saved = await manager.save(
        manager.create(ChronologyLink, {
          eventId,
          chargeId: record.chargeId ?? null,
          hearingId: record.hearingId ?? null,
          custodyOrderId: record.custodyOrderId ?? null,
        }),
      );
      await this.audit.record(manager, {
        actor,
        action: 'create',
        entity: 'chronology_link',
        entityId: saved.id,
        after: saved,
      });
    };

    const createHearing = async (on: string, court: string | undefined): Promise<string> => {
      const hearing = await this.hearings.createIn(
        manager,
        actor,
        caseId,
        { scheduledAt: on, ...(court ? { court } : {}), visibility },
        { replan: false },
      );
      hearingsByDay.set(on, hearing.id);
      fresh.add(hearing.id);
      counts.hearings += 1;
      return hearing.id;
    };

    for (const entry of preview.entries) {
      if (entry.keep.skip) {
        continue;
      }
      const { detected } = entry;
      const event = await this.events.createIn(
        manager,
        actor,
        caseId,
        {
          occurredOn: entry.occurredOn,
          precision: entry.precision,
          type: entry.type,
          title: null,
          description: entry.description,
          visibility,
          participantId: entry.participantId,
          ...eventFields(entry),
          sources: entry.sources,
        },
        { replan: false },
      );
      counts.events += 1;
      if (sourceFile && (sourceFile.entries === undefined || sourceFile.entries.includes(entry.id))) {
        await this.documents.attachIn(
          manager,
          actor,
          { kind: 'event', id: event.id, caseId, visibility },
          sourceFile.upload,
        );
      }

      const custody =
        entry.keep.custodyOrder && detected.custodyKind
          ? {
              kind: detected.custodyKind,
              days: detected.custodyDays ?? null,
              until: detected.until ?? null,
            }
          : null;
      let custodyWritten = false;
      const next = entry.keep.hearings ? detected.nextHearing : undefined;
      let nextWritten = false;

      if (entry.keep.hearings && detected.hearing && entry.precision === 'day') {
        const on = detected.hearing.on;
        const hearingId = hearingsByDay.get(on) ?? (await createHearing(on, detected.hearing.court));
        await link(event.id, { hearingId });
        if (fresh.has(hearingId) && on <= today) {
          // What the statement says happened that day is the hearing's outcome; a custody order and
          // the next date it mentions are recorded with it, as a caseworker would log them.
          fresh.delete(hearingId);
          const nextFree = next && !hearingsByDay.has(next.on) ? next : undefined;
          const outcome = await this.hearings.recordOutcomeIn(
            manager,
            actor,
            hearingId,
            {
              result: firstParagraph(entry.description),
              ...(custody
                ? {
                    custodyExtension: {
                      kind: custody.kind,
                      ...(custody.days !== null ? { days: custody.days } : {}),
                      ...(custody.until !== null ? { until: custody.until } : {}),
                      ...(detected.hearing.court ? { court: detected.hearing.court } : {}),
                    },
                  }
                : {}),
              ...(nextFree ? { nextHearingAt: nextFree.on } : {}),
            },
            { replan: false },
          );
          if (custody && outcome.custodyOrder) {
            custodyWritten = true;
            counts.custodyOrders += 1;
            await link(event.id, { custodyOrderId: outcome.custodyOrder.id });
          }
          if (nextFree && outcome.nextHearing) {
            nextWritten = true;
            hearingsByDay.set(nextFree.on, outcome.nextHearing.id);
            counts.hearings += 1;
            await link(event.id, { hearingId: outcome.nextHearing.id });
          }
        }
      }

      if (custody && !custodyWritten) {
        const order = await this.custody.createIn(
          manager,
          actor,
          caseId,
          {
            ...custody,
            orderedOn: entry.occurredOn,
            court: detected.hearing?.court ?? null,
            visibility,
            participantId: entry.participantId,
          },
          { replan: false },
        );
        counts.custodyOrders += 1;
        await link(event.id, { custodyOrderId: order.id });
      }

      if (next && !nextWritten && !hearingsByDay.has(next.on)) {
        await link(event.id, { hearingId: await createHearing(next.on, next.court) });
      }

      if (entry.keep.charges) {
        for (const detectedCharge of detected.charges ?? []) {
          await this.keepCharge(
            manager,
            actor,
            caseId,
            entry,
            detectedCharge,
            visibility,
            chargesByKey,
            counts,
            (id) => link(event.id, { chargeId: id }),
          );
        }
      }
    }

    await this.reminders.replanCase(manager, caseId);
    await this.audit.record(manager, {
      actor,
      action: 'import',
      entity: 'case',
      entityId: caseId,
      context: {
        lang: input.lang ?? 'en',
        visibility,
        created: counts,
        warnings: preview.warnings.map((warning) => `${warning.line}: ${warning.kind}`),
      },
    });
    return counts;
  }

  private async keepCharge(
    manager: EntityManager,
    actor: AuditActor,
    caseId: string,
    entry: PreviewEntry,
    detected: DetectedCharge,
    visibility: Visibility,
    chargesByKey: Map<string, Charge>,
    counts: ImportCounts,
    linkTo: (chargeId: string) => Promise<void>,
  ): Promise<void> {
    const key = chargeKey(detected.law, detected.section);
    const existing = chargesByKey.get(key);
    if (!existing) {
      const charge = await this.charges.createIn(
        manager,
        actor,
        caseId,
        {
          law: detected.law,
          section: detected.section,
          offence: detected.offence ?? null,
          counts: detected.counts ?? null,
          broughtOn: entry.precision === 'day' ? entry.occurredOn : null,
          status: detected.status,
          visibility,
          participantId: entry.participantId,
        },
        { replan: false },
      );
      chargesByKey.set(key, charge);
      counts.charges += 1;
      await linkTo(charge.id);
      return;
    }
    const moves = CHARGE_PROGRESS[detected.status] > CHARGE_PROGRESS[existing.status];
    const offence = existing.offence ?? detected.offence ?? null;
    if (!moves && offence === existing.offence) {
      return;
    }
    const changes = { status: moves ? detected.status : existing.status, offence };
    await applyChanges(manager, Charge, existing, changes);
    const after = await manager.findOneByOrFail(Charge, { id: existing.id });
    await this.audit.record(manager, {
      actor,
      action: 'update',
      entity: 'charge',
      entityId: existing.id,
      before: existing,
      after,
      context: { import: { line: entry.line } },
    });
    chargesByKey.set(key, after);
    counts.chargesUpdated += 1;
  }
}
