import { ApiProperty } from '@nestjs/swagger';
import { DATE_TIME_FORMAT, UUID_FORMAT } from '@keel/platform';
import { ROLES, type Role } from '@keel/platform/domain';

export class UserResponseDto {
  @ApiProperty({ ...UUID_FORMAT })
  id!: string;

  @ApiProperty({ format: 'email', maxLength: 254 })
  email!: string;

  @ApiProperty({ maxLength: 200 })
  name!: string;

  @ApiProperty({ enum: ROLES, isArray: true, maxItems: ROLES.length })
  roles!: Role[];

  @ApiProperty({ ...DATE_TIME_FORMAT })
  createdAt!: string;
}
