import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsUUID, ValidateIf } from 'class-validator';

// Left out means every watched case; null is no case id, so it is refused rather than read as left out.
const given = (_: object, value: unknown): boolean => value !== undefined;

export class CreateCalendarFeedDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: "One case's hearings; without it, the hearings of every case you watch",
  })
  @ValidateIf(given)
  @IsUUID()
  caseId?: string;
}

export class CalendarFeedView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', type: String, nullable: true }) caseId: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ type: Date, nullable: true }) revokedAt: Date | null;
}

export class CreatedCalendarFeed extends CalendarFeedView {
  @ApiProperty({ description: 'Shown once: only its hash is stored' }) token: string;
  @ApiProperty({ example: 'https://vigil.example.org/calendar/<token>.ics' }) url: string;
  @ApiProperty({ example: 'webcal://vigil.example.org/calendar/<token>.ics' }) webcalUrl: string;
}
