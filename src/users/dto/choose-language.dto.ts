import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { Language, LANGUAGES } from '../../i18n/languages';

/** A user choosing the language of their pages and emails. */
export class ChooseLanguageDto {
  @ApiProperty({ enum: LANGUAGES })
  @IsIn(LANGUAGES, { message: 'must be one of the languages offered' })
  language: Language;
}
