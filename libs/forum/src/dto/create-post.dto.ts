import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class CreatePostDto {
  @ApiProperty({ minLength: 1, maxLength: 20000, description: 'Markdown, stored as written' })
  @IsString()
  @Length(1, 20000, { message: 'body must be 1 to 20000 characters long' })
  body!: string;
}

export class UpdatePostDto extends CreatePostDto {}
