import { Column, Entity } from 'typeorm';
import { BaseEntity } from '../common/base.entity';
import { Language, LANGUAGES } from '../i18n/languages';

export const USER_ROLES = ['admin', 'caseworker', 'viewer'] as const;
export type UserRole = (typeof USER_ROLES)[number];

// The one language list (pages, emails, exports), kept with the catalogues.
export { LANGUAGES } from '../i18n/languages';
export type { Language } from '../i18n/languages';

@Entity('users')
export class User extends BaseEntity {
  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'password_hash', type: 'text', select: false })
  passwordHash: string;

  @Column({ type: 'enum', enum: USER_ROLES, enumName: 'user_role' })
  role: UserRole;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** IANA zone for the user's weekly digest and dates shown to them. */
  @Column({ type: 'text', default: 'UTC' })
  timezone: string;

  @Column({ type: 'enum', enum: LANGUAGES, enumName: 'language', default: 'en' })
  language: Language;

  /** This user must sign in with a second factor (an admin's choice; see also security_settings). */
  @Column({ name: 'require_two_factor', type: 'boolean', default: false })
  requireTwoFactor: boolean;

  /** Moved by the database on a new password, role or active flag; tokens and sessions of an older one are dead. */
  @Column({
    name: 'session_version',
    type: 'integer',
    default: 0,
    select: false,
    update: false,
    insert: false,
  })
  sessionVersion: number;
  /** Set on the first admin, whose password came from the environment; cleared when they choose their own. */
  @Column({ name: 'must_change_password', type: 'boolean', default: false })
  mustChangePassword: boolean;
}
