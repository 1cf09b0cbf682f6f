import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * "This event tells that record in words": written by the import, which creates a custody order,
 * charge or hearing from an entry's text. An export then shows the entry once, as written.
 */
@Entity('chronology_links')
export class ChronologyLink {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @Column({ name: 'charge_id', type: 'uuid', nullable: true })
  chargeId: string | null;

  @Column({ name: 'hearing_id', type: 'uuid', nullable: true })
  hearingId: string | null;

  @Column({ name: 'custody_order_id', type: 'uuid', nullable: true })
  custodyOrderId: string | null;
}
