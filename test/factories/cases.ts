import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Case } from '../../src/cases/case.entity';
import { Defender } from '../../src/defenders/defender.entity';

// Test data written straight to the database, for tests whose subject is something else.

export async function makeDefender(
  dataSource: DataSource,
  overrides: Partial<Defender> = {},
): Promise<Defender> {
  const repository = dataSource.getRepository(Defender);
  return repository.save(
    repository.create({
      fullName: `Defender ${randomBytes(3).toString('hex')}`,
      otherNames: [],
      country: 'IN',
      profession: 'human rights defender',
      affiliations: [],
      bio: null,
      contacts: [],
      ...overrides,
    }),
  );
}

export async function makeCase(
  dataSource: DataSource,
  overrides: Partial<Case> & { defenderId?: string } = {},
): Promise<Case> {
  const defenderId = overrides.defenderId ?? (await makeDefender(dataSource)).id;
  const repository = dataSource.getRepository(Case);
  return repository.save(
    repository.create({
      title: 'NIA case',
      country: 'IN',
      timezone: 'Asia/Kolkata',
      caseNumber: null,
      court: 'NIA Special Court, New Delhi',
      status: 'charged',
      detentionStatus: 'in_custody',
      placeOfDetention: null,
      arrestedOn: '2021-11-22',
      arrestedOnPrecision: 'day',
      releasedOn: null,
      ...overrides,
      defenderId,
    }),
  );
}
