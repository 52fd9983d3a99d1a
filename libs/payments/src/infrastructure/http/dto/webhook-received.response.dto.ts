import { ApiProperty } from '@nestjs/swagger';

/** What a provider gets back once its webhook is verified and recorded. */
export class WebhookReceivedResponseDto {
  @ApiProperty({ example: true, enum: [true], description: 'Always true: the event was verified and recorded' })
  received!: true;

  @ApiProperty({ example: false, description: 'True when this event id was already processed (a replay changes nothing)' })
  duplicate!: boolean;
}
