import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, MinRole } from '../auth/auth.decorators';
import { Page } from '../common/pagination';
import { UuidParam } from '../common/uuid-param';
import { Charge } from './charge.entity';
import { ChargesService } from './charges.service';
import { ChargePage, ChargeQuery, ChargeView, CreateChargeDto, UpdateChargeDto } from './dto/charge.dto';

@ApiTags('charges')
@ApiBearerAuth()
@Controller()
export class ChargesController {
  constructor(private readonly charges: ChargesService) {}

  @MinRole('caseworker')
  @Post('api/cases/:caseId/charges')
  @ApiCreatedResponse({ type: ChargeView })
  create(
    @CurrentUser() user: AuthUser,
    @UuidParam('caseId') caseId: string,
    @Body() body: CreateChargeDto,
  ): Promise<Charge> {
    return this.charges.create(user, caseId, body);
  }

  @Get('api/cases/:caseId/charges')
  @ApiOkResponse({ type: ChargePage })
  list(
    @CurrentUser() user: AuthUser,
    @UuidParam('caseId') caseId: string,
    @Query() query: ChargeQuery,
  ): Promise<Page<Charge>> {
    return this.charges.list(user, caseId, query);
  }

  @Get('api/charges/:id')
  @ApiOkResponse({ type: ChargeView })
  get(@CurrentUser() user: AuthUser, @UuidParam() id: string): Promise<Charge> {
    return this.charges.get(user, id);
  }

  @MinRole('caseworker')
  @Patch('api/charges/:id')
  @ApiOkResponse({ type: ChargeView })
  update(
    @CurrentUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() body: UpdateChargeDto,
  ): Promise<Charge> {
    return this.charges.update(user, id, body);
  }

  @MinRole('caseworker')
  @Delete('api/charges/:id')
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(@CurrentUser() user: AuthUser, @UuidParam() id: string): Promise<void> {
    return this.charges.remove(user, id);
  }
}
