import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class AddParticipantDto {
  @ApiProperty({ format: 'uuid', description: 'The defender accused with the others in this case' })
  @IsUUID()
  defenderId: string;
}
