import { Body, Controller, Delete, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, MinRole } from '../auth/auth.decorators';
import { Page, PaginationQuery } from '../common/pagination';
import { UuidParam } from '../common/uuid-param';
import { CreateUserDto, UpdateUserDto } from './dto/user.dto';
import { User } from './user.entity';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('me')
  me(@CurrentUser() user: AuthUser): Promise<User> {
    return this.users.get(user.id);
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
