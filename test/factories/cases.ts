import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { addParticipants } from '../../src/cases/participant-store';
import { Case } from '../../src/cases/case.entity';
import { refreshDetention, writeStartingEntries } from '../../src/cases/detention-store';
import { STATUS_OVERRIDES, StatusOverride } from '../../src/cases/case-stages';
import { refreshStatus, writeStartingStage } from '../../src/cases/stage-store';
import { sealNew } from '../../src/crypto/sealed-fields';
import { Defender } from '../../src/defenders/defender.entity';

// Test data written straight to the database, for tests whose subject is something else.

export async function makeDefender(
  dataSource: DataSource,
  overrides: Partial<Defender> = {},
): Promise<Defender> {
  const repository = dataSource.getRepository(Defender);
  const { contacts = [], ...fields } = overrides;
  const saved = await repository.save(
    repository.create({
      fullName: `Defender ${randomBytes(3).toString('hex')}`,
      otherNames: [],
      country: 'IN',
      profession: 'human rights defender',
      affiliations: [],
      bio: null,
      ...fields,
      // Sealed as the app seals them; read back opened.
      ...sealNew(dataSource.manager, Defender, null, { contacts }),
    }),
  );
  return repository.findOneByOrFail({ id: saved.id });
}

/**
 * A case whose detention says what `detentionStatus`, `arrestedOn` and `releasedOn` say: they are
 * written as the entries that make them so (an arrest event, a release...), as creating a case
 * through the API does, and the stored facts are folded from those. A `status` given is written the
 * same way (writeStartingStage); without one the case is under investigation.
 */
export async function makeCase(
  dataSource: DataSource,
  overrides: Partial<Case> & { defenderId?: string } = {},
): Promise<Case> {
  const defenderId = overrides.defenderId ?? (await makeDefender(dataSource)).id;
  const {
    detentionStatus = 'in_custody',
    arrestedOn = '2021-11-22',
    arrestedOnPrecision = 'day',
    releasedOn = null,
    status,
    ...fields
  } = overrides;
  const override = (STATUS_OVERRIDES as readonly string[]).includes(status ?? '')
    ? (status as StatusOverride)
    : null;
  return dataSource.transaction(async (manager) => {
    const saved = await manager.save(
      manager.create(Case, {
        title: 'NIA case',
        country: 'IN',
        timezone: 'Asia/Kolkata',
        caseNumber: null,
        court: 'NIA Special Court, New Delhi',
        placeOfDetention: null,
        ...fields,
        status: 'under_investigation',
        viewerStatus: 'under_investigation',
        statusOverride: override,
        detentionStatus: 'not_detained',
        viewerDetentionStatus: 'not_detained',
        defenderId,
      }),
    );
    await addParticipants(manager, saved.id, [defenderId], true);
    await writeStartingEntries(
      manager,
      saved.id,
      defenderId,
      { arrestedOn, arrestedOnPrecision, releasedOn },
      detentionStatus,
    );
    if (status) {
      await writeStartingStage(manager, saved.id, status);
    }
    await refreshDetention(manager, saved.id);
    await refreshStatus(manager, saved.id);
    return manager.findOneByOrFail(Case, { id: saved.id });
  });
}
