import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Language, LANGUAGES } from '../users/user.entity';

/** One message accepted by SMTP for one recipient of a reminder. */
@Entity('reminder_deliveries')
export class ReminderDelivery {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'reminder_id', type: 'uuid' })
  reminderId: string;

  /** 'user:<id>' or 'recipient:<id>': who, independent of their address. */
  @Column({ type: 'text' })
  recipient: string;

  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'enum', enum: LANGUAGES, enumName: 'language' })
  language: Language;

  @Column({ name: 'message_id', type: 'text' })
  messageId: string;

  @Column({ name: 'sent_at', type: 'timestamptz' })
  sentAt: Date;
}
