import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { AllowedBeforePasswordChange, CurrentUser, MinRole } from '../auth/auth.decorators';
import { Page, PaginationQuery } from '../common/pagination';
import { UuidParam } from '../common/uuid-param';
import { ChangePasswordDto } from './dto/change-password.dto';
import { CreateUserDto, UpdateUserDto } from './dto/user.dto';
import { User } from './user.entity';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @AllowedBeforePasswordChange()
  @Get('me')
  me(@CurrentUser() user: AuthUser): Promise<User> {
    return this.users.get(user.id);
  }

  /** Any signed-in user, their own password; the only write allowed while mustChangePassword is set. */
  @AllowedBeforePasswordChange()
  @Post('me/password')
  @HttpCode(204)
  async changePassword(@CurrentUser() user: AuthUser, @Body() body: ChangePasswordDto): Promise<void> {
    await this.users.changeOwnPassword(user, body.currentPassword, body.newPassword);
  }

  @MinRole('admin')
  @Post()
  create(@CurrentUser() actor: AuthUser, @Body() body: CreateUserDto): Promise<User> {
    return this.users.create(actor, body);
  }

  @MinRole('admin')
  @Get()
  list(@Query() query: PaginationQuery): Promise<Page<User>> {
    return this.users.list(query);
  }

  @MinRole('admin')
  @Get(':id')
  get(@UuidParam() id: string): Promise<User> {
    return this.users.get(id);
  }

  @MinRole('admin')
  @Patch(':id')
  update(
    @CurrentUser() actor: AuthUser,
    @UuidParam() id: string,
    @Body() body: UpdateUserDto,
  ): Promise<User> {
    return this.users.update(actor, id, body);
  }

  @MinRole('admin')
  @Delete(':id')
  deactivate(@CurrentUser() actor: AuthUser, @UuidParam() id: string): Promise<User> {
    return this.users.deactivate(actor, id);
  }
}
