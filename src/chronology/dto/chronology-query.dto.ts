import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsCalendarDate } from '../../common/is-calendar-date';
import { EXPORT_FORMATS, EXPORT_VISIBILITIES, ExportFormat, ExportVisibility } from '../chronology-document';
import { CHRONOLOGY_LANGUAGES, ChronologyLanguage } from '../date-phrases';

export class ChronologyQuery {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'md' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format: ExportFormat = 'md';

  @ApiPropertyOptional({
    enum: CHRONOLOGY_LANGUAGES,
    default: 'en',
    description: 'Language of dates and labels',
  })
  @IsOptional()
  @IsIn(CHRONOLOGY_LANGUAGES)
  lang: ChronologyLanguage = 'en';

  @ApiPropertyOptional({
    enum: EXPORT_VISIBILITIES,
    default: 'public',
    description:
      'public: public entries only (any role); internal: public and internal; all: confidential too. internal and all need a caseworker or admin.',
  })
  @IsOptional()
  @IsIn(EXPORT_VISIBILITIES)
  visibility: ExportVisibility = 'public';

  @ApiPropertyOptional({ format: 'date', description: 'Entries dated on or after this day' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Entries dated on or before this day' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}
