import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Locale, LOCALES, Role, ROLES, UserView as UserViewShape } from '@balai/contracts';
import { User } from '../user.entity';

export class UserView implements UserViewShape {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiPropertyOptional() email?: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiPropertyOptional({ enum: LOCALES }) locale?: Locale;
  @ApiPropertyOptional({ description: 'Only on GET /me and PUT /me/preferences' }) emailNotifications?: boolean;

  static of(user: User): UserView {
    return {
      id: user.id,
      ...(user.email ? { email: user.email } : {}),
      displayName: user.displayName,
      role: user.role,
      ...(user.locale ? { locale: user.locale } : {}),
    };
  }

  /** The caller's own view: with the preferences. */
  static ofMe(user: User): UserView {
    return { ...UserView.of(user), locale: user.locale ?? 'id', emailNotifications: user.emailNotifications };
  }
}

export class AuthResultView {
  @ApiProperty({ type: UserView }) user!: UserView;
  @ApiProperty() accessToken!: string;
}
