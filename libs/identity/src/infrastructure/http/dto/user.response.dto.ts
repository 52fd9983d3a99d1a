import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role } from '@keel/platform/domain';

export class UserResponseDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'email', maxLength: 254 })
  email!: string;

  @ApiProperty({ maxLength: 200 })
  name!: string;

  @ApiProperty({ enum: ROLES, isArray: true, maxItems: ROLES.length })
  roles!: Role[];

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}
