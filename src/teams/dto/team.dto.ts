import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { Transform } from 'class-transformer';

export class TeamNameDto {
  @ApiProperty({ example: 'Kashmir desk' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;
}

export class TeamMembersDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'The whole membership; users left out are removed',
  })
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  userIds: string[];
}

export class RestrictionDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description:
      'The teams whose members may see it (admins always may); an empty list lifts the restriction',
  })
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  teamIds: string[];
}

export class TeamSummary {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class TeamMemberView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
}

export class TeamView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: [TeamMemberView] }) members: TeamMemberView[];
  @ApiProperty({ description: 'Defenders restricted to this team' }) defenders: number;
  @ApiProperty({ description: 'Cases restricted to this team' }) cases: number;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class TeamPage {
  @ApiProperty({ type: [TeamView] }) items: TeamView[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export class RestrictionView {
  @ApiProperty({ type: [TeamSummary], description: 'Empty when not restricted' }) restrictedTo: TeamSummary[];
}
