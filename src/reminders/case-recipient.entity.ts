import { Column, Entity } from 'typeorm';
import { BaseEntity } from '../common/base.entity';
import { Language, LANGUAGES } from '../users/user.entity';

/** Someone outside Vigil (a lawyer, a family member, a partner NGO) who gets a case's reminders. */
@Entity('case_recipients')
export class CaseRecipient extends BaseEntity {
  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'enum', enum: LANGUAGES, enumName: 'language', default: 'en' })
  language: Language;
}
