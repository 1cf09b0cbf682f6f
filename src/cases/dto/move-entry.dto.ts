import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export const MOVABLE_KINDS = ['event', 'charge', 'hearing', 'custody_order'] as const;
export type MovableKind = (typeof MOVABLE_KINDS)[number];

export class MoveEntryDto {
  @ApiProperty({
    format: 'uuid',
    description:
      "The case to move it to: another case of the entry's defender (its participant, or the main defender)",
  })
  @IsUUID()
  toCaseId: string;
}

export class MovedEntryView {
  @ApiProperty({ enum: MOVABLE_KINDS }) kind: MovableKind;
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) fromCaseId: string;
  @ApiProperty({ format: 'uuid' }) toCaseId: string;
}
