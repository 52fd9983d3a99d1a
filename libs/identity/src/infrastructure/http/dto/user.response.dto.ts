import { ApiProperty } from '@nestjs/swagger';
import { DATE_TIME_FORMAT, UUID_FORMAT } from '@keel/http';
import { ROLES, type Role } from '@keel/kernel/domain';

export class UserResponseDto {
  @ApiProperty({ ...UUID_FORMAT, example: '5e2d1c0b-4a39-4f8e-b7d6-c5b4a3928170' })
  id!: string;

  @ApiProperty({ example: 'ada@example.com', format: 'email', maxLength: 254 })
  email!: string;

  @ApiProperty({ example: 'Ada Lovelace', maxLength: 200 })
  name!: string;

  @ApiProperty({ example: ['customer'], enum: ROLES, isArray: true, maxItems: ROLES.length })
  roles!: Role[];

  @ApiProperty({ description: 'Whether the owner proved they read this address; unverified accounts cannot place orders', example: true })
  emailVerified!: boolean;

  @ApiProperty({ ...DATE_TIME_FORMAT })
  createdAt!: string;
}
