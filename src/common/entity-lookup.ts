import { EntityManager, EntityTarget, FindOptionsWhere } from 'typeorm';
import { notFound } from './domain-error';

// The one way to read a row by id or answer 404 (Vendure's getEntityOrThrow), with and without a lock.

export async function findOrFail<T extends { id: string }>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  id: string,
  name: string,
): Promise<T> {
  const found = await manager.findOneBy(entity, { id } as FindOptionsWhere<T>);
  if (!found) {
    throw notFound(name, id);
  }
  return found;
}

/** Locks the row for the rest of the transaction, so concurrent writes to it queue up. */
export async function lockedOrFail<T extends { id: string }>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  id: string,
  name: string,
): Promise<T> {
  const found = await manager.findOne(entity, {
    where: { id } as FindOptionsWhere<T>,
    lock: { mode: 'pessimistic_write' },
  });
  if (!found) {
    throw notFound(name, id);
  }
  return found;
}
