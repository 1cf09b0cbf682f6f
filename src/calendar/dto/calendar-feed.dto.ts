import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';

export class CreateCalendarFeedDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: "One case's hearings; without it, the hearings of every case you watch",
  })
  @IsOptional()
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
