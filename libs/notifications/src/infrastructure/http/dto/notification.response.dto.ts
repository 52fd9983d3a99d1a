import { ApiProperty } from '@nestjs/swagger';
import { DATE_TIME_FORMAT, UUID_FORMAT } from '@keel/http';
import {
  NOTIFICATION_CHANNELS,
  NOTIFICATION_STATUSES,
  NOTIFICATION_TYPES,
  type NotificationChannel,
  type NotificationStatus,
  type NotificationType,
} from '../../../domain';
import { SUBJECT_MAX_LENGTH } from '../../../domain/notification.entity';

export class NotificationResponseDto {
  @ApiProperty({ ...UUID_FORMAT, example: 'd4c3b2a1-6f5e-4b7a-9c8d-5d4c3b2a1f0e' })
  id!: string;

  @ApiProperty({ enum: NOTIFICATION_TYPES, example: 'order.confirmed' })
  type!: NotificationType;

  @ApiProperty({ enum: NOTIFICATION_CHANNELS, example: 'email' })
  channel!: NotificationChannel;

  @ApiProperty({
    enum: NOTIFICATION_STATUSES,
    example: 'SENT',
    description: 'PENDING until the mail server accepts it (retried with backoff meanwhile); FAILED once given up',
  })
  status!: NotificationStatus;

  @ApiProperty({ maxLength: SUBJECT_MAX_LENGTH, example: 'Your order 0B1F0C1E is confirmed' })
  subject!: string;

  @ApiProperty({ ...DATE_TIME_FORMAT })
  createdAt!: string;

  @ApiProperty({ ...DATE_TIME_FORMAT, nullable: true, description: 'When the mail server accepted it' })
  sentAt!: string | null;
}
