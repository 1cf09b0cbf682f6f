import { Body, Controller, Delete, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, MinRole } from '../auth/auth.decorators';
import { DomainError } from '../common/domain-error';
import { UuidParam } from '../common/uuid-param';
import { SecondFactorCodeDto, TwoFactorRequirementDto } from './dto/two-factor.dto';
import { EnrolmentStart, TwoFactorService, TwoFactorStatus } from './two-factor.service';

/** A signed-in user's own second factor, and the admins' requirement and reset. */
@ApiTags('auth')
@ApiBearerAuth()
@Controller('api')
export class TwoFactorController {
  constructor(private readonly twoFactor: TwoFactorService) {}

  @Get('auth/two-factor')
  status(@CurrentUser() user: AuthUser): Promise<TwoFactorStatus> {
    return this.twoFactor.status(user.id);
  }

  /** The secret, its otpauth address and QR code: answered while the enrolment is unconfirmed only. */
  @Post('auth/two-factor/enrolment')
  @HttpCode(200)
  startEnrolment(@CurrentUser() user: AuthUser): Promise<EnrolmentStart> {
    return this.twoFactor.startEnrolment(user);
  }

  /** The first code from the app confirms the enrolment; the ten recovery codes are in the answer, once. */
  @Post('auth/two-factor/enrolment/confirm')
  @HttpCode(200)
  async confirmEnrolment(
    @CurrentUser() user: AuthUser,
    @Body() body: SecondFactorCodeDto,
  ): Promise<{ recoveryCodes: string[] }> {
    const checked = await this.twoFactor.checkCode(user, body.code, 'enrolment');
    if (!checked.ok) {
      const problem =
        checked.reason === 'not enrolling' ? 'start the enrolment first' : 'is not the code the app shows';
      throw new DomainError('VALIDATION', `code ${problem}`, [{ field: 'code', problem }]);
    }
    return { recoveryCodes: checked.recoveryCodes ?? [] };
  }

  @MinRole('admin')
  @Get('auth/two-factor/requirement')
  requirement(): Promise<{ requireTwoFactor: boolean }> {
    return this.twoFactor.organisationRequirement();
  }

  @MinRole('admin')
  @Put('auth/two-factor/requirement')
  setRequirement(
    @CurrentUser() actor: AuthUser,
    @Body() body: TwoFactorRequirementDto,
  ): Promise<{ requireTwoFactor: boolean }> {
    return this.twoFactor.setOrganisationRequirement(actor, body.requireTwoFactor);
  }

  /** For a lost phone: the user's second factor and every session end; audited. */
  @MinRole('admin')
  @Delete('users/:id/two-factor')
  reset(@CurrentUser() actor: AuthUser, @UuidParam() id: string): Promise<TwoFactorStatus> {
    return this.twoFactor.reset(actor, id);
  }
}
