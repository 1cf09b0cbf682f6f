import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CaseEvent } from './event.entity';

/** Where a fact comes from: a citation, a URL, or both. */
@Entity('event_sources')
export class EventSource {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @ManyToOne(() => CaseEvent, (event) => event.sources, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: CaseEvent;

  @Column({ type: 'smallint' })
  position: number;

  @Column({ type: 'text', nullable: true })
  citation: string | null;

  @Column({ type: 'text', nullable: true })
  url: string | null;
}
