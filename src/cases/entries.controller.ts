import { Body, Controller, HttpCode, Param, ParseEnumPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, MinRole } from '../auth/auth.decorators';
import { invalid } from '../common/domain-error';
import { UuidParam } from '../common/uuid-param';
import { MOVABLE_KINDS, MovableKind, MoveEntryDto, MovedEntryView } from './dto/move-entry.dto';
import { EntryMoveService } from './entry-move.service';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/entries')
export class EntriesController {
  constructor(private readonly moves: EntryMoveService) {}

  @MinRole('caseworker')
  @Post(':kind/:id/move')
  @HttpCode(200) // nothing is created: the entry is the same one, in another case
  @ApiOperation({
    summary: 'Moves an event, charge, hearing or custody order to another case of the same defender',
    description:
      'Both cases are recomputed (detention facts, reminders) in the same transaction; the move is audited.',
  })
  @ApiParam({ name: 'kind', enum: MOVABLE_KINDS })
  @ApiOkResponse({ type: MovedEntryView })
  move(
    @CurrentUser() user: AuthUser,
    @Param(
      'kind',
      new ParseEnumPipe(Object.fromEntries(MOVABLE_KINDS.map((kind) => [kind, kind])), {
        exceptionFactory: () => invalid('kind', `must be one of ${MOVABLE_KINDS.join(', ')}`),
      }),
    )
    kind: MovableKind,
    @UuidParam() id: string,
    @Body() body: MoveEntryDto,
  ): Promise<MovedEntryView> {
    return this.moves.move(user, user, kind, id, body.toCaseId);
  }
}
