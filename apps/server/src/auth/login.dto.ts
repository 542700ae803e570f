import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'editor@copydesk.local' })
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'olive-lantern-harbour' })
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password!: string;
}
