import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access';
import { NotificationList, type ListedNotification } from './notification-list';
import { NotificationListDto } from './notification-list.dto';

@ApiTags('notifications')
@Controller('manifestations')
export class ListNotificationsController {
  constructor(private readonly list: NotificationList) {}

  @Get(':protocol/notifications')
  @Access('ouvidoria', 'auditor', 'admin')
  @ApiOperation({ summary: 'What the requester was told of this case, through which channel, and when each target acknowledged it' })
  @ApiParam({ name: 'protocol', description: '20-digit protocol number' })
  @ApiResponse({ status: 200, description: 'Oldest first', type: NotificationListDto })
  @ApiResponse({ status: 404, description: 'Unknown protocol' })
  async notifications(@Param('protocol') protocol: string): Promise<{ items: ListedNotification[] }> {
    return { items: await this.list.of(protocol) };
  }
}
