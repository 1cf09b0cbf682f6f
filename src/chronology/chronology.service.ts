import { findOrFail } from '../common/entity-lookup';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditActor, AuditService } from '../audit/audit.service';
import { caseVisibleSql, knownReader } from '../access/access-policy';
import { AuthUser, hasRole } from '../auth/auth-user';
import { Case } from '../cases/case.entity';
import { firstCustodyDays } from '../cases/detention-store';
import { participantsOf, ParticipantRow } from '../cases/participant-store';
import { Clock } from '../common/clock';
import { forbidden, invalid, notFound } from '../common/domain-error';
import { Page, PaginationQuery, page } from '../common/pagination';
import { Defender } from '../defenders/defender.entity';
import { DocumentsService } from '../documents/documents.service';
import { TimelineEntry, TimelineService } from '../timeline/timeline.service';
import { Language } from '../users/user.entity';
import { STATUTORY_LIMIT_JSON } from '../statutory-limits/case-limits';
import { LimitRow } from '../statutory-limits/limit-model';
import { buildDocument } from './build-document';
import { ChronologyCaseFacts, ChronologyRecord, recordKey } from './chronology-records';
import {
  ChronologyDocument,
  DocumentOrganisation,
  ExportVisibility,
  VISIBLE_IN,
} from './chronology-document';
import { ClosingLine } from './closing-line.entity';
import { OrganisationDto, OrganisationView } from './dto/organisation.dto';
import { OrganisationSettings } from './organisation-settings.entity';
import { ChronologyQuery } from './dto/chronology-query.dto';

export interface ChronologyExport {
  doc: ChronologyDocument;
  /** File name without extension: "khurram-parvez-nia-case-chronology-2026-01-15". */
  baseName: string;
}

/** A timeline row as the pure document builder reads it. */
export function toRecord(entry: TimelineEntry): ChronologyRecord {
  const base = {
    id: entry.id,
    caseId: entry.caseId,
    participantId: entry.participantId,
    visibility: entry.visibility,
    createdAt: new Date(entry.createdAt),
  };
  switch (entry.kind) {
    case 'event':
      return {
        ...base,
        kind: 'event',
        occurredOn: entry.date,
        precision: entry.precision,
        type: entry.type,
        title: entry.title,
        description: entry.description,
        sources: entry.sources.map((source) => ({ citation: source.citation, url: source.url })),
        detention: {
          custodyBasis: entry.custodyBasis,
          bailConditions: entry.bailConditions,
          bailConditionsNote: entry.bailConditionsNote,
          sentenceTerm: entry.sentenceTerm,
          sentenceStartsOn: entry.sentenceStartsOn,
          creditForCustody: entry.creditForCustody,
          endedOn: entry.endedOn,
          periodPosition: entry.periodPosition,
        },
        stages: {
          stage: entry.stage,
          court: entry.court,
          decision: entry.decision,
          appealDeadline: entry.appealDeadline,
        },
      };
    case 'charge':
      return {
        ...base,
        kind: 'charge',
        law: entry.law,
        section: entry.section,
        offence: entry.offence,
        broughtOn: entry.broughtOn,
        broughtOnPrecision: entry.precision,
        status: entry.status,
        maximumPenalty: entry.maximumPenalty,
      };
    case 'hearing':
      return {
        ...base,
        kind: 'hearing',
        scheduledLocal: entry.scheduledLocal,
        scheduledAt: new Date(entry.scheduledAt),
        timeKnown: entry.timeKnown,
        court: entry.court,
        judge: entry.judge,
        purpose: entry.purpose,
        stage: entry.stage,
        status: entry.status,
        outcome: entry.outcome,
        updatedAt: new Date(entry.updatedAt),
      };
    case 'custody_order':
      return {
        ...base,
        kind: 'custody_order',
        custodyKind: entry.custodyKind,
        orderedOn: entry.orderedOn,
        days: entry.days,
        until: entry.until,
        court: entry.court,
      };
  }
}

export const caseFacts = (owner: Case, people: ParticipantRow[]): ChronologyCaseFacts => ({
  id: owner.id,
  participants: people
    .filter((person) => person.caseId === owner.id)
    .map((person) => ({ id: person.defenderId, name: person.fullName })),
  unnamedCoAccused: owner.unnamedCoAccused,
  title: owner.title,
  caseNumber: owner.caseNumber,
  court: owner.court,
  timezone: owner.timezone,
  arrestedOn: owner.arrestedOn,
  arrestedOnPrecision: owner.arrestedOnPrecision,
  releasedOn: owner.releasedOn,
  statusOverride: owner.statusOverride,
});

const SLUG_LENGTH = 60;

/** ASCII file names: every browser and mail client keeps them intact. Long ones end at a word's end. */
export function slug(text: string): string {
  const full = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (full.length <= SLUG_LENGTH) {
    return full;
  }
  // The last hyphen that keeps it within the length; a single word longer than that is cut.
  const boundary = full.lastIndexOf('-', SLUG_LENGTH);
  return boundary > 0 ? full.slice(0, boundary) : full.slice(0, SLUG_LENGTH);
}

@Injectable()
export class ChronologyService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly timeline: TimelineService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly documents: DocumentsService,
  ) {}

  async exportCase(user: AuthUser, caseId: string, query: ChronologyQuery): Promise<ChronologyExport> {
    this.checkRequest(user, query);
    const owner = await findOrFail(this.dataSource.manager, Case, caseId, 'Case');
    const defender = await this.dataSource.manager.findOneByOrFail(Defender, { id: owner.defenderId });
    const subject = {
      entity: 'case',
      id: caseId,
      name: `${defender.fullName} ${owner.title}`,
      country: owner.country,
    } as const;
    return this.export(user, subject, defender, [owner], query);
  }

  /**
   * Every case of the defender, their own and those where they are co-accused, merged into one
   * chronology of their story: their own entries and the shared ones, each labelled with its case.
   */
  async exportDefender(
    user: AuthUser,
    defenderId: string,
    query: ChronologyQuery,
  ): Promise<ChronologyExport> {
    this.checkRequest(user, query);
    const { defender, cases } = await this.defenderCases(user, defenderId, query.visibility);
    const subject = {
      entity: 'defender',
      id: defenderId,
      name: defender.fullName,
      country: defender.country,
    } as const;
    return this.export(user, subject, defender, cases, query, defenderId);
  }

  /**
   * The defender and the cases their chronology tells, in the order it tells them: the cases they
   * take part in that the reader may see, by their own first arrest as far as the visibility shows it.
   */
  async defenderCases(
    user: AuthUser,
    defenderId: string,
    visibility: ExportVisibility,
  ): Promise<{ defender: Defender; cases: Case[] }> {
    const defender = await findOrFail(this.dataSource.manager, Defender, defenderId, 'Defender');
    const manager = this.dataSource.manager;
    // Only the cases the reader may see: a restricted case of an open defender stays out.
    const cases = await manager
      .createQueryBuilder(Case, 'owner')
      .where('owner.id IN (SELECT case_id FROM case_participants WHERE defender_id = :defenderId)', {
        defenderId,
      })
      .andWhere(caseVisibleSql('owner', knownReader(user, ':readerId')), { readerId: user.id })
      .getMany();
    // Ordered by their own first arrest in each case, as the export tells it: the stored date is
    // folded from every entry, so ordered by it a public or internal export would tell of an arrest
    // it leaves out.
    const arrested = await firstCustodyDays(
      manager,
      cases.map((owner) => owner.id),
      VISIBLE_IN[visibility],
      defenderId,
    );
    const day = (owner: Case) => arrested.get(owner.id) ?? null;
    cases.sort((a, b) => {
      const [x, y] = [day(a), day(b)];
      return x === y
        ? a.createdAt.getTime() - b.createdAt.getTime()
        : x === null
          ? 1
          : y === null
            ? -1
            : x.localeCompare(y);
    });
    return { defender, cases };
  }

  async closingLine(manager: EntityManager, country: string, language: Language): Promise<string | null> {
    return (await manager.findOneBy(ClosingLine, { country, language }))?.text ?? null;
  }

  async organisation(): Promise<OrganisationView> {
    const { name, contact, updatedAt } = await this.dataSource.manager.findOneByOrFail(OrganisationSettings, {
      id: 1,
    });
    return { name, contact, updatedAt };
  }

  /** Sets the organisation's name and contact line (blank clears), audited. */
  async setOrganisation(actor: AuditActor, input: OrganisationDto): Promise<OrganisationView> {
    const clean = (text: string | null | undefined): string | null => text?.trim() || null;
    return this.dataSource.transaction(async (manager) => {
      const before = await manager.findOneOrFail(OrganisationSettings, {
        where: { id: 1 },
        lock: { mode: 'pessimistic_write' },
      });
      await manager.update(
        OrganisationSettings,
        { id: 1 },
        { name: clean(input.name), contact: clean(input.contact) },
      );
      const after = await manager.findOneByOrFail(OrganisationSettings, { id: 1 });
      await this.audit.record(manager, {
        actor,
        action: 'update',
        entity: 'organisation_settings',
        entityId: '1',
        before: { name: before.name, contact: before.contact },
        after: { name: after.name, contact: after.contact },
      });
      return { name: after.name, contact: after.contact, updatedAt: after.updatedAt };
    });
  }

  async closingLines(query: PaginationQuery): Promise<Page<ClosingLine>> {
    const [items, total] = await this.dataSource.manager.findAndCount(ClosingLine, {
      order: { country: 'ASC', language: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    return page(items, total, query);
  }

  async setClosingLine(
    actor: AuditActor,
    country: string,
    language: Language,
    text: string,
  ): Promise<ClosingLine> {
    return this.dataSource.transaction(async (manager) => {
      const before = await manager.findOne(ClosingLine, {
        where: { country, language },
        lock: { mode: 'pessimistic_write' },
      });
      await manager.upsert(ClosingLine, { country, language, text: text.trim() }, ['country', 'language']);
      const after = await manager.findOneByOrFail(ClosingLine, { country, language });
      await this.audit.record(manager, {
        actor,
        action: before ? 'update' : 'create',
        entity: 'chronology_closing_line',
        entityId: `${country}:${language}`,
        before,
        after,
      });
      return after;
    });
  }

  async removeClosingLine(actor: AuditActor, country: string, language: Language): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const before = await manager.findOne(ClosingLine, {
        where: { country, language },
        lock: { mode: 'pessimistic_write' },
      });
      if (!before) {
        throw notFound('Closing line', `${country}:${language}`);
      }
      await manager.delete(ClosingLine, { country, language });
      await this.audit.record(manager, {
        actor,
        action: 'delete',
        entity: 'chronology_closing_line',
        entityId: `${country}:${language}`,
        before,
      });
    });
  }

  /** "Which event tells which record", for the given cases, in one query. */
  async narrators(manager: EntityManager, caseIds: string[]): Promise<Map<string, string>> {
    const rows = (await manager.query(
      `SELECT link.event_id, link.charge_id, link.hearing_id, link.custody_order_id
         FROM chronology_links link JOIN events event ON event.id = link.event_id
        WHERE event.case_id = ANY($1::uuid[])`,
      [caseIds],
    )) as {
      event_id: string;
      charge_id: string | null;
      hearing_id: string | null;
      custody_order_id: string | null;
    }[];
    const narratedBy = new Map<string, string>();
    for (const row of rows) {
      if (row.charge_id) {
        narratedBy.set(recordKey('charge', row.charge_id), row.event_id);
      }
      if (row.hearing_id) {
        narratedBy.set(recordKey('hearing', row.hearing_id), row.event_id);
      }
      if (row.custody_order_id) {
        narratedBy.set(recordKey('custody_order', row.custody_order_id), row.event_id);
      }
    }
    return narratedBy;
  }

  /** Who the export is from, or null while no organisation name is set. */
  private async exportOrganisation(): Promise<DocumentOrganisation | null> {
    const { name, contact } = await this.organisation();
    return name ? { name, contact } : null;
  }

  private checkRequest(user: AuthUser, query: ChronologyQuery): void {
    if (query.visibility !== 'public' && !hasRole(user, 'caseworker')) {
      throw forbidden(`A ${query.visibility} export needs the caseworker role; you are a ${user.role}`);
    }
    if (query.from !== undefined && query.to !== undefined && query.from > query.to) {
      throw invalid('to', `must not be before from (${query.from})`);
    }
  }

  /** Each case's facts with the statutory-limit rows of its country, for the summary's limits. */
  private async withLimits(
    manager: EntityManager,
    facts: ChronologyCaseFacts[],
    cases: Case[],
  ): Promise<ChronologyCaseFacts[]> {
    const countries = [...new Set(cases.map((owner) => owner.country))];
    const rows = (
      (await manager.query(
        `SELECT ${STATUTORY_LIMIT_JSON} AS row FROM statutory_limits l
          WHERE l.active AND l.country = ANY($1) ORDER BY l.reference, l.id`,
        [countries],
      )) as { row: LimitRow }[]
    ).map(({ row }) => row);
    return facts.map((fact, i) => {
      const country = cases[i].country;
      return { ...fact, statutoryLimits: { country, rows: rows.filter((row) => row.country === country) } };
    });
  }

  private async export(
    user: AuthUser,
    subject: { entity: 'case' | 'defender'; id: string; name: string; country: string },
    defender: Defender,
    cases: Case[],
    query: ChronologyQuery,
    participant?: string,
  ): Promise<ChronologyExport> {
    const manager = this.dataSource.manager;
    const caseIds = cases.map((owner) => owner.id);
    const visibility: ExportVisibility = query.visibility;
    const { items } = await this.timeline.entries(caseIds, {
      visibilities: [...VISIBLE_IN[visibility]],
      participant,
    });
    const people = await participantsOf(manager, caseIds);
    const now = this.clock.now();
    const doc = buildDocument({
      lang: query.lang,
      visibility,
      now,
      defender,
      cases: await this.withLimits(
        manager,
        cases.map((owner) => caseFacts(owner, people)),
        cases,
      ),
      records: items.map(toRecord),
      narratedBy: await this.narrators(manager, caseIds),
      files: await this.documents.forEntries(items),
      closingLine: await this.closingLine(manager, subject.country, query.lang),
      organisation: await this.exportOrganisation(),
      from: query.from ?? null,
      to: query.to ?? null,
    });
    // An export is how data leaves Vigil: who took what is recorded before a byte is sent. The
    // confidential entries it was made from are named too (the summary draws on all of them).
    await this.dataSource.transaction(async (transaction) => {
      await this.audit.recordReads(user, 'export', items, transaction);
      await this.audit.record(transaction, {
        actor: user,
        action: 'export',
        entity: subject.entity,
        entityId: subject.id,
        context: {
          format: query.format,
          visibility,
          lang: query.lang,
          from: query.from ?? null,
          to: query.to ?? null,
          entries: doc.entries.length,
        },
      });
    });
    const day = now.toISOString().slice(0, 10);
    return { doc, baseName: `${slug(subject.name) || 'chronology'}-chronology-${day}` };
  }
}
