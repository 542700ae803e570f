import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

/** `POST /api/auth/password`. Lengths past these are refused before any hashing; the policy says the rest. */
export class ChangePasswordDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(1024) currentPassword!: string;
  @ApiProperty({ description: 'checked by the password policy (docs/security.md)' })
  @IsString()
  @MaxLength(1024)
  newPassword!: string;
}
