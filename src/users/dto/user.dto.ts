import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IsTimeZone } from '../../common/is-time-zone';
import { LANGUAGES, Language, USER_ROLES, UserRole } from '../user.entity';

export class CreateUserDto {
  @ApiProperty({ example: 'caseworker@example.org' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Asha Rao' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ minLength: 12, description: 'At least 12 characters' })
  @IsString()
  @MinLength(12)
  @MaxLength(200)
  password: string;

  @ApiProperty({ enum: USER_ROLES })
  @IsIn(USER_ROLES)
  role: UserRole;

  @ApiPropertyOptional({ example: 'Asia/Kolkata' })
  @IsOptional()
  @IsTimeZone()
  timezone?: string;

  @ApiPropertyOptional({ enum: LANGUAGES })
  @IsOptional()
  @IsIn(LANGUAGES)
  language?: Language;
}

export class UpdateUserDto extends PartialType(CreateUserDto) {
  @ApiPropertyOptional({ description: 'false deactivates the account' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
