import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { Locale, LOCALES } from '@balai/contracts';

export class PreferencesDto {
  @ApiPropertyOptional({ description: 'Notifications also by e-mail (accounts with an address; default true)' })
  @IsOptional()
  @IsBoolean({ message: 'emailNotifications must be true or false' })
  emailNotifications?: boolean;

  @ApiPropertyOptional({ enum: LOCALES, description: 'The language of notifications and e-mails' })
  @IsOptional()
  @IsIn([...LOCALES], { message: `locale must be one of ${LOCALES.join(', ')}` })
  locale?: Locale;
}
