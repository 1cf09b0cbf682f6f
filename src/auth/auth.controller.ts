import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ChallengeDto, SecondFactorSignInDto } from '../two-factor/dto/two-factor.dto';
import { EnrolmentStart, TwoFactorService } from '../two-factor/two-factor.service';
import { Public } from './auth.decorators';
import { AuthService, LoginResult, SecondFactorChallenge } from './auth.service';
import { LoginDto } from './dto/login.dto';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly twoFactor: TwoFactorService,
  ) {}

  /** A token; or, for a user with a second factor (or who must enrol one), a challenge and no token. */
  @Public()
  @Post('login')
  @HttpCode(200)
  login(@Body() body: LoginDto, @Ip() ip: string): Promise<LoginResult | SecondFactorChallenge> {
    return this.auth.login(body.email, body.password, ip);
  }

  /** The challenge and a code (or a recovery code) give the token; during enrolment, the recovery codes too. */
  @Public()
  @Post('login/second-factor')
  @HttpCode(200)
  secondFactor(
    @Body() body: SecondFactorSignInDto,
    @Ip() ip: string,
  ): Promise<LoginResult & { recoveryCodes?: string[] }> {
    return this.auth.loginWithSecondFactor(body.challenge, body.code, ip);
  }

  /** For a user who must enrol: the secret and QR code for the app, then login/second-factor with its first code. */
  @Public()
  @Post('login/enrol')
  @HttpCode(200)
  async enrol(@Body() body: ChallengeDto): Promise<EnrolmentStart> {
    const pending = await this.auth.pendingEnrolment(body.challenge);
    return this.twoFactor.startEnrolment(pending.user);
  }
}
