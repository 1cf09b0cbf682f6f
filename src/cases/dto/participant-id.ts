import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';

const ABOUT =
  "The participant (a defender id) this entry is about: the case's defender or one of its co-accused. " +
  'Left out or null, the entry concerns everyone in the case.';

/** An entry's optional participant, as its create and update bodies take it. */
export const ParticipantIdField = (): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: ABOUT }),
    IsOptional(),
    IsUUID(),
  );

/** An entry's participant, as its view shows it. */
export const ParticipantIdView = (): PropertyDecorator =>
  ApiProperty({ type: String, format: 'uuid', nullable: true, description: ABOUT });
