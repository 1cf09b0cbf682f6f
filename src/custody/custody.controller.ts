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
import { CustodyOrder } from './custody-order.entity';
import { CustodyService } from './custody.service';
import {
  CreateCustodyOrderDto,
  CustodyOrderPage,
  CustodyOrderQuery,
  CustodyOrderView,
  UpdateCustodyOrderDto,
} from './dto/custody-order.dto';

@ApiTags('custody orders')
@ApiBearerAuth()
@Controller()
export class CustodyController {
  constructor(private readonly custody: CustodyService) {}

  @MinRole('caseworker')
  @Post('api/cases/:caseId/custody-orders')
  @ApiCreatedResponse({ type: CustodyOrderView })
  create(
    @CurrentUser() user: AuthUser,
    @UuidParam('caseId') caseId: string,
    @Body() body: CreateCustodyOrderDto,
  ): Promise<CustodyOrder> {
    return this.custody.create(user, caseId, body);
  }

  @Get('api/cases/:caseId/custody-orders')
  @ApiOkResponse({ type: CustodyOrderPage })
  list(
    @CurrentUser() user: AuthUser,
    @UuidParam('caseId') caseId: string,
    @Query() query: CustodyOrderQuery,
  ): Promise<Page<CustodyOrder>> {
    return this.custody.list(user, caseId, query);
  }

  @Get('api/custody-orders/:id')
  @ApiOkResponse({ type: CustodyOrderView })
  get(@CurrentUser() user: AuthUser, @UuidParam() id: string): Promise<CustodyOrder> {
    return this.custody.get(user, id);
  }

  @MinRole('caseworker')
  @Patch('api/custody-orders/:id')
  @ApiOkResponse({ type: CustodyOrderView })
  update(
    @CurrentUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() body: UpdateCustodyOrderDto,
  ): Promise<CustodyOrder> {
    return this.custody.update(user, id, body);
  }

  @MinRole('caseworker')
  @Delete('api/custody-orders/:id')
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(@CurrentUser() user: AuthUser, @UuidParam() id: string): Promise<void> {
    return this.custody.remove(user, id);
  }
}
