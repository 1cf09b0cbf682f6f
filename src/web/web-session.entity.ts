import { Column, Entity, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from '../common/base.entity';
import { User } from '../users/user.entity';

/** A signed-in browser. The cookie carries a random token; only its SHA-256 is stored here. */
@Entity('web_sessions')
export class WebSession extends BaseEntity {
  @Column({ name: 'token_hash', type: 'text' })
  tokenHash: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'user_agent', type: 'text', nullable: true })
  userAgent: string | null;

  /** The user's session version at sign-in: the session works only while the user still has it. */
  @Column({ name: 'session_version', type: 'integer' })
  sessionVersion: number;
}
