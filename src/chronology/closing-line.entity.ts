import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { LANGUAGES, Language } from '../users/user.entity';

/** The line a country's chronology exports end with ("India is rated 'Repressed' by the CIVICUS Monitor."). */
@Entity('chronology_closing_lines')
export class ClosingLine {
  @PrimaryColumn({ type: 'char', length: 2 })
  country: string;

  @PrimaryColumn({ type: 'enum', enum: LANGUAGES, enumName: 'language' })
  language: Language;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'text' })
  text: string;
}
