import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto } from '@keel/http';
import { IsIn, IsOptional } from 'class-validator';
import { ORDER_STATUSES, type OrderStatus } from '../../../domain';

export class ListOrdersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'PAID', enum: ORDER_STATUSES, description: 'Only orders in this status' })
  @IsOptional()
  @IsIn(ORDER_STATUSES)
  status?: OrderStatus;
}
