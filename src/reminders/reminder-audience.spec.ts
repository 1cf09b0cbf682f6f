import fc from 'fast-check';
import { VISIBILITIES } from '../common/entry';
import { EXTERNAL, mayRead, Reader } from '../common/readers';
import { USER_ROLES, UserRole } from '../users/user.entity';
import { mayReadSql, readerOf, reminderRecipients } from './reminder-audience';

const candidate = fc.record({
  key: fc.uuid(),
  role: fc.constantFrom(...USER_ROLES, null),
});
const fallback: { key: string; role: UserRole | null } = { key: 'fallback:settings', role: null };

describe('reminderRecipients', () => {
  it('sends to those on the case who may read it, and to the fallback only when none of them may', () => {
    fc.assert(
      fc.property(
        fc.array(candidate, { maxLength: 6 }),
        fc.constantFrom(...VISIBILITIES),
        fc.boolean(),
        (onCase, visibility, withFallback) => {
          const chosen = reminderRecipients(onCase, visibility, withFallback ? fallback : null);
          const readers = onCase.filter((c) => mayRead(readerOf(c), visibility));
          expect(chosen.every((c) => mayRead(readerOf(c), visibility))).toBe(true);
          expect(chosen).toEqual(
            readers.length ? readers : withFallback && visibility === 'public' ? [fallback] : [],
          );
        },
      ),
    );
  });

  it('never sends an internal or confidential reminder to the fallback address', () => {
    expect(reminderRecipients([], 'internal', fallback)).toEqual([]);
    expect(reminderRecipients([{ key: 'user:v', role: 'viewer' }], 'confidential', fallback)).toEqual([]);
    expect(reminderRecipients([], 'public', fallback)).toEqual([fallback]);
  });
});

describe('mayReadSql', () => {
  it('lists exactly the reader and visibility pairs mayRead allows, a null role reading as external', () => {
    const sql = mayReadSql('a.role', 'r.visibility');
    const readers: [string, Reader][] = [
      ...USER_ROLES.map((role): [string, Reader] => [role, { role }]),
      ['external', EXTERNAL],
    ];
    for (const [name, reader] of readers) {
      for (const visibility of VISIBILITIES) {
        expect({ name, visibility, listed: sql.includes(`('${name}', '${visibility}')`) }).toEqual({
          name,
          visibility,
          listed: mayRead(reader, visibility),
        });
      }
    }
    expect(sql.startsWith("(coalesce(a.role::text, 'external'), r.visibility::text) IN (VALUES ")).toBe(true);
  });
});
