import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  registerDecorator,
  ValidationOptions,
} from 'class-validator';
import { PaginationQuery } from '../../common/pagination';
import { LANGUAGES, Language } from '../../users/user.entity';
import { REMINDER_KINDS, ReminderKind } from '../reminder-kinds';
import { MAX_MILESTONE_DAYS, offsetProblem } from '../reminder-policy';
import { REMINDER_STATUSES, ReminderStatus } from '../reminder.entity';

/** An ISO 8601 duration such as P7D or PT2H, positive and at most a year. */
function IsOffset(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isOffset',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message:
          '$property must be an ISO 8601 duration such as "P7D" or "PT2H", positive and at most a year',
        ...options,
      },
      validator: { validate: (value: unknown) => offsetProblem(value) === null },
    });
}

/** Every item an ISO 8601 duration such as P7D or PT2H, positive and at most a year. */
function IsOffsetList(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isOffsetList',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message:
          '$property must be a list of ISO 8601 durations such as "P7D" or "PT2H", each positive and at most a year',
        ...options,
      },
      validator: {
        validate: (value: unknown) =>
          Array.isArray(value) &&
          value.length <= 10 &&
          value.every((offset) => offsetProblem(offset) === null),
      },
    });
}

export class ReminderPolicyDto {
  @ApiProperty({ example: ['P7D', 'P1D', 'PT2H'] })
  @IsOffsetList()
  hearingOffsets: string[];

  @ApiProperty({ example: ['P3D', 'P1D'] })
  @IsOffsetList()
  custodyOffsets: string[];

  @ApiProperty({ example: ['P14D', 'P3D'] })
  @IsOffsetList()
  statutoryOffsets: string[];

  @ApiProperty({ example: [30, 100, 150, 365] })
  @IsArray()
  @ArrayMaxSize(50)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(MAX_MILESTONE_DAYS, { each: true })
  milestoneDays: number[];

  @ApiProperty({ description: 'After the last milestone day, every anniversary of the arrest' })
  @IsBoolean()
  milestonesYearly: boolean;

  @ApiPropertyOptional({ example: ['P30D', 'P7D'], description: 'Before the expected release of a sentence' })
  @IsOptional()
  @IsOffsetList()
  sentenceOffsets?: string[];

  @ApiPropertyOptional({ example: 'P1D', description: 'After an expected release with no release logged' })
  @IsOptional()
  @IsOffset()
  releaseOverdueAfter?: string;

  @ApiPropertyOptional({ example: 'P7D', description: 'Then again this often until a release is logged' })
  @IsOptional()
  @IsOffset()
  releaseOverdueEvery?: string;

  @ApiPropertyOptional({ example: 'P1D', description: 'After the order in force ends with no new one' })
  @IsOptional()
  @IsOffset()
  noOrderAfter?: string;

  @ApiPropertyOptional({ example: [7, 14, 21, 30], description: 'Days of an ongoing hunger strike' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(MAX_MILESTONE_DAYS, { each: true })
  hungerStrikeDays?: number[];
}

/** The global settings: the policy and the fallback address. */
export class ReminderSettingsDto extends ReminderPolicyDto {
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'duty-desk@ngo.example',
    description:
      'Gets a reminder nobody on its case may receive, as an external recipient would: public entries only. ' +
      'Left out: unchanged; null or empty: none (such a reminder goes nowhere).',
  })
  @Transform(({ value }) =>
    typeof value === 'string' ? value.trim().toLowerCase() || null : (value as unknown),
  )
  @IsOptional()
  @IsEmail({}, { message: '$property must be an email address' })
  @MaxLength(254)
  fallbackEmail?: string | null;
}

export class ReminderSettingsView extends ReminderPolicyDto {
  @ApiProperty({ type: String, nullable: true }) fallbackEmail: string | null;
}

/** A case some of whose pending reminders would reach nobody on it. */
export class UnheardCaseView {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty() defenderName: string;
}

/** A case's overrides: what it leaves out (or sets to null) follows the global policy. */
export class CaseReminderPolicyDto {
  @ApiPropertyOptional({ example: ['PT1M'] })
  @IsOptional()
  @IsOffsetList()
  hearingOffsets?: string[] | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsOffsetList()
  custodyOffsets?: string[] | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsOffsetList()
  statutoryOffsets?: string[] | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(MAX_MILESTONE_DAYS, { each: true })
  milestoneDays?: number[] | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  milestonesYearly?: boolean | null;

  @ApiPropertyOptional({ example: ['P30D', 'P7D'], description: 'Before the expected release of a sentence' })
  @IsOptional()
  @IsOffsetList()
  sentenceOffsets?: string[] | null;

  @ApiPropertyOptional({ example: 'P1D', description: 'After an expected release with no release logged' })
  @IsOptional()
  @IsOffset()
  releaseOverdueAfter?: string | null;

  @ApiPropertyOptional({ example: 'P7D', description: 'Then again this often until a release is logged' })
  @IsOptional()
  @IsOffset()
  releaseOverdueEvery?: string | null;

  @ApiPropertyOptional({ example: 'P1D', description: 'After the order in force ends with no new one' })
  @IsOptional()
  @IsOffset()
  noOrderAfter?: string | null;

  @ApiPropertyOptional({ example: [7, 14, 21, 30], description: 'Days of an ongoing hunger strike' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(MAX_MILESTONE_DAYS, { each: true })
  hungerStrikeDays?: number[] | null;
}

export class AddWatcherDto {
  @ApiPropertyOptional({
    description: 'Who watches; yourself when left out (adding others needs caseworker)',
  })
  @IsOptional()
  @IsUUID()
  userId?: string;

  @ApiPropertyOptional({ description: 'Keep watching (the digest lists the case) but get no reminders' })
  @IsOptional()
  @IsBoolean()
  muted?: boolean;
}

export class AddRecipientDto {
  @ApiProperty({ example: 'Asha Rao (counsel)' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'counsel@example.org' })
  @IsEmail()
  @MaxLength(254)
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  email: string;

  @ApiPropertyOptional({ enum: LANGUAGES, default: 'en' })
  @IsOptional()
  @IsIn(LANGUAGES)
  language?: Language;
}

export class ReminderQuery extends PaginationQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  caseId?: string;

  @ApiPropertyOptional({ enum: REMINDER_STATUSES })
  @IsOptional()
  @IsIn(REMINDER_STATUSES)
  status?: ReminderStatus;

  @ApiPropertyOptional({ enum: REMINDER_KINDS })
  @IsOptional()
  @IsIn(REMINDER_KINDS)
  kind?: ReminderKind;

  @ApiPropertyOptional({ description: 'Due at or after this instant (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Due before this instant (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export class ReminderRecipientView {
  @ApiProperty({
    enum: ['user', 'recipient', 'fallback'],
    description: 'A watcher, an external recipient on the case, or the fallback address of the settings',
  })
  type: 'user' | 'recipient' | 'fallback';
  @ApiProperty()
  id: string;
  @ApiProperty()
  name: string;
  @ApiPropertyOptional({ description: 'Shown to caseworkers and admins only' })
  email?: string;
  @ApiProperty({ enum: LANGUAGES })
  language: Language;
  @ApiPropertyOptional({ nullable: true, type: String })
  messageId?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' })
  sentAt?: Date | null;
}

export class ReminderView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: REMINDER_KINDS }) kind: ReminderKind;
  @ApiProperty({ description: 'What it is about' }) title: string;
  @ApiPropertyOptional({ nullable: true, type: String }) caseId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) userId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) subjectId: string | null;
  @ApiProperty({ description: 'ISO offset, or the milestone (D150, Y2) or outcome chase (N1)' })
  offset: string;
  @ApiProperty({ format: 'date-time' }) dueAt: Date;
  @ApiProperty({ description: "Wall clock in the case's (or digest user's) zone" }) dueAtLocal: string;
  @ApiProperty({ example: 'Asia/Kolkata' }) timezone: string;
  @ApiProperty({ enum: REMINDER_STATUSES }) status: ReminderStatus;
  @ApiProperty() attempts: number;
  @ApiPropertyOptional({ nullable: true, type: String }) lastError: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Why it was cancelled, when the reason is the person’s fate',
  })
  cancelReason: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) sentAt: Date | null;
  @ApiPropertyOptional({ nullable: true, type: String }) messageId: string | null;
  @ApiProperty({ type: [ReminderRecipientView] }) recipients: ReminderRecipientView[];
}

export class ReminderPage {
  @ApiProperty({ type: [ReminderView] }) items: ReminderView[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export class WatcherView {
  @ApiProperty() userId: string;
  @ApiProperty() name: string;
  @ApiProperty() muted: boolean;
}

export class RecipientView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: LANGUAGES }) language: Language;
}

export class CasePolicyView {
  @ApiProperty({ type: CaseReminderPolicyDto }) override: CaseReminderPolicyDto;
  @ApiProperty({ type: ReminderPolicyDto }) effective: ReminderPolicyDto;
}
