import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiPageResponse, ApiProblems, type AuthenticatedUser, CurrentUser, type Page, PageQueryDto, Roles } from '@keel/platform';
import { GetUserQuery, ListUsersQuery, type UserView } from '../../application';
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

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'All users, newest first (admin)' })
  @ApiPageResponse(UserResponseDto)
  @ApiProblems(400, 401)
  list(@Query() query: PageQueryDto): Promise<Page<UserView>> {
    return this.queries.execute(new ListUsersQuery(query.limit, query.cursor));
  }
}
