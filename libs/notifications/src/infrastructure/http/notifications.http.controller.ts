import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiPageResponse, ApiProblems, type AuthenticatedUser, CurrentUser, type Page, PageQueryDto } from '@keel/http';
import { ListNotificationsQuery, type NotificationView } from '../../application';
import { NotificationResponseDto } from './dto/notification.response.dto';

@ApiTags('notifications')
@ApiBearerAuth('bearer')
@Controller('notifications')
export class NotificationsHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ operationId: 'listNotifications', summary: 'Notifications sent to the signed-in user, newest first' })
  @ApiPageResponse(NotificationResponseDto)
  @ApiProblems(400, 401)
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: PageQueryDto): Promise<Page<NotificationView>> {
    return this.queries.execute(new ListNotificationsQuery(user.id, query.limit, query.cursor));
  }
}
