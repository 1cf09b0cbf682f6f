import { Column, Entity } from 'typeorm';
import { BaseEntity } from '../common/base.entity';

/**
 * A subscribe URL for hearings: one case's, or (caseId null) every case the user watches. Only
 * the SHA-256 of the token is stored; revoking keeps the row so the audit trail still resolves.
 */
@Entity('calendar_feeds')
export class CalendarFeed extends BaseEntity {
  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId: string | null;

  @Column({ name: 'token_hash', type: 'text', select: false })
  tokenHash: string;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
