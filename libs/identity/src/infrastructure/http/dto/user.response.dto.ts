import { ApiProperty } from '@nestjs/swagger';
import { DATE_TIME_FORMAT, UUID_FORMAT } from '@keel/http';
import { ROLES, type Role } from '@keel/kernel/domain';

export class UserResponseDto {
  @ApiProperty({ ...UUID_FORMAT })
  id!: string;

  @ApiProperty({ format: 'email', maxLength: 254 })
  email!: string;

  @ApiProperty({ maxLength: 200 })
  name!: string;

  @ApiProperty({ enum: ROLES, isArray: true, maxItems: ROLES.length })
  roles!: Role[];

  @ApiProperty({ description: 'Whether the owner proved they read this address; unverified accounts cannot place orders', example: true })
  emailVerified!: boolean;

  @ApiProperty({ ...DATE_TIME_FORMAT })
  createdAt!: string;
}
