import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
} from 'class-validator';
import { ROLES, type Role } from '#contracts';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '#domain';
import { NoControlCharacters } from '../http/no-control-characters.js';
import { OptionalNotNull } from '../http/optional-not-null.js';

// The password policy (#domain checkNewPassword) counts characters and estimates strength in the
// service, with the account's email and name at hand; here a password only has to be a string.
const PASSWORD_DOC = {
  minLength: PASSWORD_MIN_LENGTH,
  maxLength: PASSWORD_MAX_LENGTH,
  description: 'Characters, not bytes; no control characters; refused when common or easy to guess (docs/security.md)',
};

export class CreateUserDto {
  @ApiProperty() @IsEmail() @MaxLength(254) email!: string;
  @ApiProperty(PASSWORD_DOC) @IsString() password!: string;
  @ApiProperty() @IsString() @Length(1, 200) @NoControlCharacters() displayName!: string;
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role!: Role;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsUUID('all', { each: true })
  @ArrayMaxSize(100)
  deskIds?: string[];
}

/** At least one field (the service refuses an empty patch). */
export class UpdateUserDto {
  @ApiPropertyOptional() @OptionalNotNull() @IsString() @Length(1, 200) @NoControlCharacters() displayName?: string;
  @ApiPropertyOptional({ enum: ROLES }) @OptionalNotNull() @IsIn(ROLES) role?: Role;
  @ApiPropertyOptional(PASSWORD_DOC) @OptionalNotNull() @IsString() password?: string;
  @ApiPropertyOptional() @OptionalNotNull() @IsBoolean() disabled?: boolean;
}

export class CreateDeskDto {
  @ApiProperty() @IsString() @Length(1, 120) @NoControlCharacters() name!: string;
}
