import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

// One line each: they share the footer line of every exported page.
const ONE_LINE = /^[^\r\n]*$/;

export class OrganisationDto {
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Kashmir Rights Collective',
    description: 'Blank or null: exports name no organisation (their author is then "Vigil")',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(ONE_LINE, { message: '$property must be one line' })
  name?: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'advocacy@krc.example.org · +44 20 7946 0000',
    description: 'A contact line for readers of an export',
  })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  @Matches(ONE_LINE, { message: '$property must be one line' })
  contact?: string | null;
}

export interface OrganisationView {
  name: string | null;
  contact: string | null;
  updatedAt: Date;
}
