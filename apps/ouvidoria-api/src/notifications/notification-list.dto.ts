import { NOTIFICATION_KINDS, type NotificationChannel, type NotificationKind } from '@app/domain';
import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { DeliveryRecord } from './delivery-records';
import type { ListedNotification } from './notification-list';
import { NOTIFICATION_TARGETS, type NotificationTargetName } from './notification-target';

type Delivery = Omit<DeliveryRecord, 'notificationId' | 'kind'>;

@ApiSchema({ name: 'NotificationChannel', description: 'How the requester is reached: e-mail when they gave one, else SMS' })
export class NotificationChannelDto implements NotificationChannel {
  @ApiProperty({ enum: ['EMAIL', 'SMS'] })
  medium: 'EMAIL' | 'SMS';

  @ApiProperty()
  address: string;
}

@ApiSchema({ name: 'NotificationDelivery', description: 'A target that took the notification, or refused it for good' })
export class NotificationDeliveryDto implements Delivery {
  @ApiProperty({ enum: NOTIFICATION_TARGETS })
  target: NotificationTargetName;

  @ApiProperty({ type: 'integer', minimum: 1 })
  attempts: number;

  @ApiProperty({ format: 'date-time', description: 'When the target acknowledged it (DELIVERED) or refused it (REFUSED)' })
  at: string;

  @ApiProperty({ enum: ['DELIVERED', 'REFUSED'] })
  outcome: 'DELIVERED' | 'REFUSED';

  @ApiProperty({ required: false, description: 'Why it was refused' })
  reason?: string;
}

@ApiSchema({ name: 'Notification', description: 'What the requester was told of the case' })
export class NotificationDto implements ListedNotification {
  @ApiProperty({ format: 'uuid', description: 'The id of the event it tells of' })
  notificationId: string;

  @ApiProperty({ enum: NOTIFICATION_KINDS })
  kind: NotificationKind;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({
    type: () => NotificationChannelDto,
    nullable: true,
    description: 'Null when there is no one to reach (anonymous, no contact, erased): then nothing is sent',
  })
  channel: NotificationChannelDto | null;

  @ApiProperty({ required: false })
  subject?: string;

  @ApiProperty({ required: false })
  text?: string;

  @ApiProperty({ type: () => [NotificationDeliveryDto] })
  deliveries: NotificationDeliveryDto[];
}

@ApiSchema({ name: 'NotificationList' })
export class NotificationListDto {
  @ApiProperty({ type: () => [NotificationDto] })
  items: NotificationDto[];
}
