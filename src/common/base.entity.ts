import { CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** Every table has a uuid id and creation/update instants. */
export abstract class BaseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** When the row was written (clock_timestamp(): rows of one transaction keep their order). */
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt: Date;

  /** Stamped by the row_times trigger from the same clock: equal to createdAt on a new row, never before it. */
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
