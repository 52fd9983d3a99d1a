import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, type AuthenticatedUser, CurrentUser } from '@keel/platform';
import { GetUserQuery, type UserView } from '../../application';
import { UserResponseDto } from './dto/user.response.dto';

@ApiTags('identity')
@ApiBearerAuth('bearer')
@Controller('users')
export class UsersHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get('me')
  @ApiOperation({ summary: 'The signed-in user' })
  @ApiOkResponse({ type: UserResponseDto })
  @ApiProblems(401, [404, 'The user no longer exists'])
  me(@CurrentUser() user: AuthenticatedUser): Promise<UserView> {
    return this.queries.execute(new GetUserQuery(user.id));
  }
}
