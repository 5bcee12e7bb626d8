import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { UuidParam } from '@balai/http';
import { Auth, CurrentUser } from './auth.decorators';
import { AssignRoleDto } from './dto/assign-role.dto';
import { PreferencesDto } from './dto/preferences.dto';
import { UserView } from './dto/user.view';
import { Principal } from './principal';
import { UsersService } from './users.service';

@ApiTags('identity')
@Controller()
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('me')
  @Auth('guest')
  @ApiOkResponse({ type: UserView })
  me(@CurrentUser() principal: Principal): Promise<UserView> {
    return this.users.me(principal.id);
  }

  @Put('me/preferences')
  @Auth('guest')
  @ApiOkResponse({ type: UserView, description: 'The account with its preferences' })
  preferences(@CurrentUser() principal: Principal, @Body() body: PreferencesDto): Promise<UserView> {
    return this.users.setPreferences(principal.id, body);
  }

  @Put('users/:id/role')
  @Auth('admin')
  @ApiOkResponse({ type: UserView })
  assignRole(@UuidParam('id') id: string, @Body() body: AssignRoleDto): Promise<UserView> {
    return this.users.assignRole(id, body.role);
  }
}
