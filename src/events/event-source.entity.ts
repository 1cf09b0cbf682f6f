import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
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
  // Relation<> keeps the decorator metadata from touching CaseEvent while the two files load each other.
  event?: Relation<CaseEvent>;

  @Column({ type: 'smallint' })
  position: number;

  @Column({ type: 'text', nullable: true })
  citation: string | null;

  @Column({ type: 'text', nullable: true })
  url: string | null;
}
