import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { Role, ROLES } from '@balai/contracts';

const ASSIGNABLE = ROLES.filter((role) => role !== 'guest');

export class AssignRoleDto {
  @ApiProperty({ enum: ASSIGNABLE })
  @IsIn(ASSIGNABLE, { message: `role must be one of ${ASSIGNABLE.join(', ')}` })
  role!: Exclude<Role, 'guest'>;
}
