import { findOrFail, lockedOrFail } from '../common/entity-lookup';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { caseVisibleSql, defenderVisibleSql, knownReader } from '../access/access-policy';
import { AccessService } from '../access/access.service';
import { AuditActor, AuditService } from '../audit/audit.service';
import { AuthUser, hasRole } from '../auth/auth-user';
import { conflict, notFound } from '../common/domain-error';
import { Page, page } from '../common/pagination';
import { sealNew } from '../crypto/sealed-fields';
import { termsMatch } from '../search/search-sql';
import { escapeLike, searchTerms } from '../search/search-terms';
import { restrictionsOf } from '../teams/restrictions';
import { Defender } from './defender.entity';
import { CreateDefenderDto, DefenderQuery, DefenderView, UpdateDefenderDto } from './dto/defender.dto';

/** Family and lawyer contacts are confidential: viewers get the defender without them. */
export function toDefenderView(
  defender: Defender,
  user: AuthUser,
  restrictedTo: DefenderView['restrictedTo'] = [],
): DefenderView {
  const { contacts, ...rest } = defender;
  return hasRole(user, 'caseworker') ? { ...rest, contacts, restrictedTo } : { ...rest, restrictedTo };
}

/**
 * The list's name filter: every word typed, in any order, is part of the full name or of another
 * name, whatever its case and accents (the search box, src/search, also forgives misspellings).
 * The expression is the one defenders_search_doc_idx (gin, trigram) is built on, so the index serves it.
 */
export function defenderNameCondition(q: string): { where: string; params: Record<string, string> } {
  const terms = searchTerms(q, 1);
  const refs = terms.map((_, i) => ({ word: `:word${i}`, fragment: `:fragment${i}` }));
  const params = Object.fromEntries(
    terms.flatMap((term, i) => [
      [`word${i}`, term],
      [`fragment${i}`, escapeLike(term)],
    ]),
  );
  const where = terms.length
    ? termsMatch('vigil_defender_search_doc(defender.full_name, defender.other_names)', refs, false)
    : 'false';
  return { where, params };
}

/** The fields a PATCH carried (a DTO instance has every declared key, most undefined). */
const givenFields = <T extends object>(input: T): Partial<T> =>
  Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as Partial<T>;

@Injectable()
export class DefendersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly access: AccessService,
  ) {}

  create(actor: AuditActor, input: CreateDefenderDto): Promise<Defender> {
    return this.dataSource.transaction(async (manager) => {
      const saved = await manager.save(
        manager.create(Defender, {
          fullName: input.fullName,
          otherNames: input.otherNames ?? [],
          country: input.country,
          profession: input.profession ?? null,
          affiliations: input.affiliations ?? [],
          bio: input.bio ?? null,
          ...sealNew(manager, Defender, null, { contacts: plainContacts(input.contacts ?? []) }),
        }),
      );
      const after = await manager.findOneByOrFail(Defender, { id: saved.id });
      await this.audit.record(manager, {
        actor,
        action: 'create',
        entity: 'defender',
        entityId: after.id,
        after,
      });
      return after;
    });
  }

  /** The defenders the reader may see, by name; search and counts never reach the others. */
  async list(user: AuthUser, query: DefenderQuery): Promise<Page<Defender>> {
    const builder = this.dataSource.manager
      .createQueryBuilder(Defender, 'defender')
      .where(defenderVisibleSql('defender.id', knownReader(user, ':readerId')), { readerId: user.id })
      .orderBy('defender.full_name', 'ASC')
      .addOrderBy('defender.id', 'ASC');
    if (query.q !== undefined) {
      const { where, params } = defenderNameCondition(query.q);
      builder.andWhere(where, params);
    }
    if (query.country !== undefined) {
      builder.andWhere('defender.country = :country', { country: query.country });
    }
    // Page and count side by side: getManyAndCount runs them one after the other.
    const [items, total] = await Promise.all([
      builder.clone().limit(query.limit).offset(query.offset).getMany(),
      builder.getCount(),
    ]);
    await this.access.recordAdminListReads(
      user,
      'defender',
      items.map((defender) => defender.id),
      'list of defenders',
    );
    return page(items, total, query);
  }

  /** 404 for a defender the reader may not see, as for one that does not exist. */
  async get(user: AuthUser, id: string): Promise<Defender> {
    const [found] = await this.dataSource.manager
      .createQueryBuilder(Defender, 'defender')
      .where('defender.id = :id', { id })
      .andWhere(defenderVisibleSql('defender.id', knownReader(user, ':readerId')), { readerId: user.id })
      .getMany();
    if (!found) {
      throw notFound('Defender', id);
    }
    return found;
  }

  /** Defenders as the reader may see them, each with the teams it is restricted to. */
  async views(user: AuthUser, defenders: Defender[]): Promise<DefenderView[]> {
    const restrictions = await restrictionsOf(
      this.dataSource.manager,
      'defender',
      defenders.map((defender) => defender.id),
    );
    return defenders.map((defender) => toDefenderView(defender, user, restrictions.get(defender.id) ?? []));
  }

  update(actor: AuditActor, id: string, input: UpdateDefenderDto): Promise<Defender> {
    return this.dataSource.transaction(async (manager) => {
      const before = await lockedOrFail(manager, Defender, id, 'Defender');
      const { contacts, ...rest } = givenFields(input);
      const changes: Partial<Defender> = { ...rest };
      if (contacts !== undefined) {
        Object.assign(changes, sealNew(manager, Defender, null, { contacts: plainContacts(contacts) }));
      }
      if (Object.keys(changes).length > 0) {
        await manager.update(Defender, { id }, changes);
      }
      const after = await manager.findOneByOrFail(Defender, { id });
      await this.audit.record(manager, {
        actor,
        action: 'update',
        entity: 'defender',
        entityId: id,
        before,
        after,
      });
      return after;
    });
  }

  /**
   * A defender with cases (their own, or as co-accused) stays: deleting would rewrite those cases.
   * The refusal counts only the cases the actor may see: it must not tell of a restricted one.
   */
  remove(actor: AuthUser, id: string): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      // The row lock makes a concurrent case or co-accused link wait for us, then fail its foreign key.
      const before = await lockedOrFail(manager, Defender, id, 'Defender');
      const { own, coAccused, hidden } = await this.linkedCases(manager, actor, id);
      if (own > 0 || coAccused > 0 || hidden > 0) {
        const parts = [
          own > 0 ? `is the defender in ${own} case${own === 1 ? '' : 's'}` : '',
          coAccused > 0 ? `is co-accused in ${coAccused} case${coAccused === 1 ? '' : 's'}` : '',
          own === 0 && coAccused === 0 ? 'has cases' : '',
        ].filter(Boolean);
        throw conflict(
          `${before.fullName} ${parts.join(' and ')}; delete those cases or remove them from the cases first`,
          [{ field: 'id', problem: `has cases (${parts.join(', ')})` }],
        );
      }
      await manager.delete(Defender, { id });
      await this.audit.record(manager, { actor, action: 'delete', entity: 'defender', entityId: id, before });
    });
  }

  /**
   * The cases that keep the defender from being deleted, as remove counts them: their own and those
   * they are co-accused in that the actor may see, and how many others (restricted) without naming them.
   */
  async casesBlockingRemoval(actor: AuthUser, id: string): Promise<LinkedCases> {
    const manager = this.dataSource.manager;
    await findOrFail(manager, Defender, id, 'Defender');
    return this.linkedCases(manager, actor, id);
  }

  private async linkedCases(manager: EntityManager, actor: AuthUser, id: string): Promise<LinkedCases> {
    const [counts] = (await manager.query(
      `SELECT count(*) FILTER (WHERE visible AND defender_id = $1)::int AS own,
              count(*) FILTER (WHERE visible AND defender_id <> $1)::int AS "coAccused",
              count(*) FILTER (WHERE NOT visible)::int AS hidden
         FROM (SELECT c.defender_id, ${caseVisibleSql('c', knownReader(actor, '$2::uuid'))} AS visible
                 FROM cases c
                WHERE c.id IN (SELECT case_id FROM case_participants WHERE defender_id = $1)) linked`,
      [id, actor.id],
    )) as LinkedCases[];
    return counts;
  }
}

export interface LinkedCases {
  own: number;
  coAccused: number;
  hidden: number;
}

/** Stored as plain JSON objects, without the keys a caller left out. */
const plainContacts = (contacts: object[]): Defender['contacts'] =>
  JSON.parse(JSON.stringify(contacts)) as Defender['contacts'];
