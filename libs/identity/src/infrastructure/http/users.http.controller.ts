import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ApiAdminAuth,
  ApiPageResponse,
  ApiProblems,
  ApiUserAuth,
  type AuthenticatedUser,
  CurrentUser,
  type Page,
  PageQueryDto,
  Roles,
} from '@keel/http';
import { GetUserQuery, ListUsersQuery, type UserView } from '../../application';
import { UserResponseDto } from './dto/user.response.dto';

@ApiTags('identity')
@Controller('users')
export class UsersHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get('me')
  @ApiUserAuth()
  @ApiOperation({ operationId: 'getCurrentUser', summary: 'The signed-in user' })
  @ApiOkResponse({ type: UserResponseDto })
  @ApiProblems(401, [404, 'The user no longer exists'])
  me(@CurrentUser() user: AuthenticatedUser): Promise<UserView> {
    return this.queries.execute(new GetUserQuery(user.id));
  }

  @Get()
  @Roles('admin')
  @ApiAdminAuth()
  @ApiOperation({ operationId: 'listUsers', summary: 'All users, newest first (admin)' })
  @ApiPageResponse(UserResponseDto)
  @ApiProblems(400, 401, [403, 'The token is not an admin’s'])
  list(@Query() query: PageQueryDto): Promise<Page<UserView>> {
    return this.queries.execute(new ListUsersQuery(query.limit, query.cursor));
  }
}
