import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsString, MaxLength, MinLength } from 'class-validator';

export class SecondFactorCodeDto {
  @ApiProperty({
    description: 'The six digits the authenticator app shows, or one of the recovery codes',
    example: '123456',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  code: string;
}

export class ChallengeDto {
  @ApiProperty({ description: 'The challenge POST /api/auth/login answered after a right password' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  challenge: string;
}

export class SecondFactorSignInDto extends ChallengeDto {
  @ApiProperty({
    description: 'The six digits the authenticator app shows, or one of the recovery codes',
    example: '123456',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  code: string;
}

export class TwoFactorRequirementDto {
  @ApiProperty({ description: 'true: every user must sign in with a second factor' })
  @IsBoolean()
  requireTwoFactor: boolean;
}
