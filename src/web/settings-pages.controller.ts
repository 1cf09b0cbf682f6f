import { Body, Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AuthUser, hasRole } from '../auth/auth-user';
import { MinRole } from '../auth/auth.decorators';
import { CasesService } from '../cases/cases.service';
import { ChronologyService } from '../chronology/chronology.service';
import { OrganisationDto } from '../chronology/dto/organisation.dto';
import { CaseView } from '../cases/dto/case-view.dto';
import { UuidParam } from '../common/uuid-param';
import { AddRecipientDto, CaseReminderPolicyDto, ReminderSettingsDto } from '../reminders/dto/reminder.dto';
import { RemindersService, SEES_EXTERNAL_RECIPIENTS } from '../reminders/reminders.service';
import { UnheardCases } from '../reminders/unheard-cases';
import { StatutoryLimitsService } from '../statutory-limits/statutory-limits.service';
import { TeamsService } from '../teams/teams.service';
import { limitsPanel } from '../statutory-limits/limit-words';
import { TwoFactorService } from '../two-factor/two-factor.service';
import { CreateUserDto } from '../users/dto/user.dto';
import { USER_ROLES } from '../users/user.entity';
import { PASSWORD_MIN_LENGTH } from '../users/password-strength';
import { Language, LANGUAGE_NAMES, LANGUAGES } from '../i18n/languages';
import { MessageKey, translate } from '../i18n/translate';
import { humanize } from './format';
import { cancelledWords, reminderTroubleWords } from './reminder-words';
import { UsersService } from '../users/users.service';
import { FormSpec, readForm, typedValues } from './forms';
import { submitForm } from './form-submit';
import { WebPages } from './web-pages.decorator';
import { FieldErrors, WebRequest, WebUser } from './web-request';
import { pageLanguage, WebView } from './web-view';

const POLICY_FORM: FormSpec = {
  hearingOffsets: 'offsets',
  custodyOffsets: 'offsets',
  statutoryOffsets: 'offsets',
  milestoneDays: 'numbers',
  milestonesYearly: 'choice',
  sentenceOffsets: 'offsets',
  releaseOverdueAfter: 'duration',
  releaseOverdueEvery: 'duration',
  noOrderAfter: 'duration',
  hungerStrikeDays: 'numbers',
};

const ORGANISATION_FORM: FormSpec = { name: 'optional', contact: 'optional' };
// The users form on the same page has a "name" field too: the page's ids must differ.
const ORGANISATION_FIELDS = { name: 'organisationName', contact: 'organisationContact' } as const;

const USER_FORM: FormSpec = {
  email: 'text',
  name: 'text',
  password: 'text',
  role: 'text',
  timezone: 'optional',
};

type Policy = {
  hearingOffsets?: string[] | null;
  custodyOffsets?: string[] | null;
  statutoryOffsets?: string[] | null;
  milestoneDays?: number[] | null;
  milestonesYearly?: boolean | null;
  sentenceOffsets?: string[] | null;
  releaseOverdueAfter?: string | null;
  releaseOverdueEvery?: string | null;
  noOrderAfter?: string | null;
  hungerStrikeDays?: number[] | null;
};

/** A policy as the form shows it: lists joined, unset fields blank ("follow the global policy"). */
const policyValues = (policy: Policy): Record<string, string> => ({
  hearingOffsets: policy.hearingOffsets?.join(', ') ?? '',
  custodyOffsets: policy.custodyOffsets?.join(', ') ?? '',
  statutoryOffsets: policy.statutoryOffsets?.join(', ') ?? '',
  milestoneDays: policy.milestoneDays?.join(', ') ?? '',
  milestonesYearly:
    policy.milestonesYearly === null || policy.milestonesYearly === undefined
      ? ''
      : String(policy.milestonesYearly),
  sentenceOffsets: policy.sentenceOffsets?.join(', ') ?? '',
  releaseOverdueAfter: policy.releaseOverdueAfter ?? '',
  releaseOverdueEvery: policy.releaseOverdueEvery ?? '',
  noOrderAfter: policy.noOrderAfter ?? '',
  hungerStrikeDays: policy.hungerStrikeDays?.join(', ') ?? '',
});

const POLICY_LABELS = {
  hearingOffsets: 'settings.policy.hearingOffsets',
  custodyOffsets: 'settings.policy.custodyOffsets',
  statutoryOffsets: 'settings.policy.statutoryOffsets',
  milestoneDays: 'settings.policy.milestoneDays',
  milestonesYearly: 'settings.policy.milestonesYearly',
  sentenceOffsets: 'settings.policy.sentenceOffsets',
  releaseOverdueAfter: 'settings.policy.releaseOverdueAfter',
  releaseOverdueEvery: 'settings.policy.releaseOverdueEvery',
  noOrderAfter: 'settings.policy.noOrderAfter',
  hungerStrikeDays: 'settings.policy.hungerStrikeDays',
  fallbackEmail: 'settings.policy.fallbackEmail',
} as const satisfies Record<string, MessageKey>;

/** The choices and field labels of the settings forms, in the reader's language. */
const settingsWords = (language: Language) => ({
  roles: USER_ROLES.map((value) => ({ value, label: humanize(value, language) })),
  // Each language by its own name, marked as written in it (as the account's language picker does).
  languages: LANGUAGES.map((value) => ({ value, label: LANGUAGE_NAMES[value], lang: value })),
  languageNames: LANGUAGE_NAMES,
  yearly: [
    { value: 'true', label: translate(language, 'settings.policy.yearly') },
    { value: 'false', label: translate(language, 'settings.policy.notYearly') },
  ],
  policyLabels: Object.fromEntries(
    Object.entries(POLICY_LABELS).map(([field, key]) => [field, translate(language, key)]),
  ),
});

/** Settings: watching and muting a case, its external recipients and policy; the global policy and users for admins. */
@WebPages()
@Controller('settings')
export class SettingsPagesController {
  constructor(
    private readonly view: WebView,
    private readonly cases: CasesService,
    private readonly users: UsersService,
    private readonly reminders: RemindersService,
    private readonly statutoryLimits: StatutoryLimitsService,
    private readonly twoFactor: TwoFactorService,
    private readonly unheard: UnheardCases,
    private readonly chronology: ChronologyService,
    private readonly teams: TeamsService,
  ) {}

  @Get()
  async settings(@Req() req: WebRequest, @Res() res: Response, @WebUser() user: AuthUser) {
    await this.renderSettings(req, res, user, {});
  }

  @MinRole('admin')
  @Post('reminders')
  async savePolicy(
    @Req() req: WebRequest,
    @Res() res: Response,
    @WebUser() user: AuthUser,
    @Body() body: Record<string, unknown>,
  ) {
    await submitForm(res, {
      dto: ReminderSettingsDto,
      // Blank clears the fallback address.
      form: readForm(body, { ...POLICY_FORM, fallbackEmail: 'text' }, 'create'),
      save: (input) => this.reminders.putSettings(user, input),
      redirectTo: '/settings?notice=settings-saved',
      showAgain: (errors) =>
        this.renderSettings(req, res, user, { policyValues: typedValues(body), policyErrors: errors }),
    });
  }

  @MinRole('admin')
  @Post('organisation')
  async saveOrganisation(
    @Req() req: WebRequest,
    @Res() res: Response,
    @WebUser() user: AuthUser,
    @Body() body: Record<string, unknown>,
  ) {
    await submitForm(res, {
      dto: OrganisationDto,
      form: readForm(
        { name: body[ORGANISATION_FIELDS.name], contact: body[ORGANISATION_FIELDS.contact] },
        ORGANISATION_FORM,
        'update',
      ),
      save: (input) => this.chronology.setOrganisation(user, input),
      redirectTo: '/settings?notice=settings-saved#organisation-heading',
      showAgain: (errors) =>
        this.renderSettings(req, res, user, {
          organisationValues: typedValues(body),
          organisationErrors: Object.fromEntries(
            Object.entries(errors).map(([field, messages]) => [
              ORGANISATION_FIELDS[field as keyof typeof ORGANISATION_FIELDS] ?? field,
              messages,
            ]),
          ),
        }),
    });
  }

  @MinRole('admin')
  @Post('users')
  async createUser(
    @Req() req: WebRequest,
    @Res() res: Response,
    @WebUser() user: AuthUser,
    @Body() body: Record<string, unknown>,
  ) {
    await submitForm(res, {
      dto: CreateUserDto,
      form: readForm(body, USER_FORM, 'create'),
      save: (input) => this.users.create(user, input),
      redirectTo: '/settings?notice=user-created#users-heading',
      showAgain: (errors) => {
        const { password: _never, ...values } = typedValues(body);
        return this.renderSettings(req, res, user, { userValues: values, userErrors: errors });
      },
    });
  }

  @MinRole('admin')
  @Post('users/:id/active')
  async setActive(
    @Res() res: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() body: Record<string, unknown>,
  ) {
    await this.users.update(user, id, { active: body.active === 'true' });
    res.redirect(303, '/settings?notice=user-saved#users-heading');
  }

  @Get('cases/:id')
  async caseSettings(
    @Req() req: WebRequest,
    @Res() res: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
  ) {
    await this.renderCaseSettings(req, res, user, await this.cases.get(user, id), {});
  }

  /** Watch, mute or stop watching: anyone may do it for themselves, viewers included. */
  @Post('cases/:id/watch')
  async watch(
    @Res() res: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() body: Record<string, unknown>,
  ) {
    if (body.watch === 'stop') {
      await this.reminders.removeWatcher(user, id, user.id);
      res.redirect(303, `/settings/cases/${id}?notice=unwatched`);
      return;
    }
    await this.reminders.addWatcher(user, id, { muted: body.muted === 'true' });
    res.redirect(303, `/settings/cases/${id}?notice=watching`);
  }

  @MinRole('caseworker')
  @Post('cases/:id/recipients')
  async addRecipient(
    @Req() req: WebRequest,
    @Res() res: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() body: Record<string, unknown>,
  ) {
    const found = await this.cases.get(user, id);
    await submitForm(res, {
      dto: AddRecipientDto,
      form: readForm(body, { name: 'text', email: 'text', language: 'optional' }, 'create'),
      save: (input) => this.reminders.addRecipient(user, id, input),
      redirectTo: `/settings/cases/${id}?notice=settings-saved`,
      showAgain: (errors) =>
        this.renderCaseSettings(req, res, user, found, {
          recipientValues: typedValues(body),
          recipientErrors: errors,
        }),
    });
  }

  @MinRole('caseworker')
  @Post('cases/:id/recipients/:recipientId/delete')
  async removeRecipient(
    @Res() res: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
    @UuidParam('recipientId') recipientId: string,
  ) {
    await this.reminders.removeRecipient(user, id, recipientId);
    res.redirect(303, `/settings/cases/${id}?notice=settings-saved`);
  }

  @MinRole('caseworker')
  @Post('cases/:id/policy')
  async saveCasePolicy(
    @Req() req: WebRequest,
    @Res() res: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() body: Record<string, unknown>,
  ) {
    const found = await this.cases.get(user, id);
    await submitForm(res, {
      dto: CaseReminderPolicyDto,
      form: readForm(body, POLICY_FORM, 'update'),
      save: (input) => this.reminders.putCasePolicy(user, id, input),
      redirectTo: `/settings/cases/${id}?notice=settings-saved`,
      showAgain: (errors) =>
        this.renderCaseSettings(req, res, user, found, {
          policyValues: typedValues(body),
          policyErrors: errors,
        }),
    });
  }

  private async renderSettings(
    req: WebRequest,
    res: Response,
    user: AuthUser,
    state: {
      policyValues?: Record<string, string>;
      policyErrors?: FieldErrors;
      userValues?: Record<string, string>;
      userErrors?: FieldErrors;
      organisationValues?: Record<string, string>;
      organisationErrors?: FieldErrors;
    },
  ) {
    const admin = hasRole(user, 'admin');
    const policy = admin ? await this.reminders.getSettings() : undefined;
    const shown = policy ? { ...policyValues(policy), fallbackEmail: policy.fallbackEmail ?? '' } : {};
    const organisation = admin ? await this.chronology.organisation() : undefined;
    const users = admin ? await this.users.list({ limit: 200, offset: 0 }) : undefined;
    const twoFactor = await this.twoFactor.status(user.id);
    const enrolled = users ? await this.twoFactor.enrolledAmong(users.items.map((u) => u.id)) : new Set();
    const failed = Boolean(state.policyErrors || state.userErrors || state.organisationErrors);
    this.view.render(
      req,
      res,
      'settings.njk',
      {
        title: translate(pageLanguage(req), 'settings.title'),
        policy,
        policyValues: state.policyValues ?? shown,
        policyErrors: state.policyErrors ?? {},
        users,
        twoFactor,
        enrolledIds: [...enrolled],
        userValues: state.userValues ?? { role: 'caseworker' },
        userErrors: state.userErrors ?? {},
        organisationValues: state.organisationValues ?? {
          [ORGANISATION_FIELDS.name]: organisation?.name ?? '',
          [ORGANISATION_FIELDS.contact]: organisation?.contact ?? '',
        },
        organisationErrors: state.organisationErrors ?? {},
        passwordMinLength: PASSWORD_MIN_LENGTH,
        ...settingsWords(pageLanguage(req)),
      },
      failed ? 400 : 200,
    );
  }

  private async renderCaseSettings(
    req: WebRequest,
    res: Response,
    user: AuthUser,
    found: CaseView,
    state: {
      policyValues?: Record<string, string>;
      policyErrors?: FieldErrors;
      recipientValues?: Record<string, string>;
      recipientErrors?: FieldErrors;
    },
  ) {
    const [watchers, recipients, policy, list, limits, notifiesNobody, teams] = await Promise.all([
      this.reminders.watchers(found.id),
      hasRole(user, SEES_EXTERNAL_RECIPIENTS)
        ? this.reminders.recipients(found.id)
        : Promise.resolve(undefined),
      this.reminders.getCasePolicy(found.id),
      this.reminders.list(user, { caseId: found.id, limit: 200, offset: 0 }, pageLanguage(req)),
      this.statutoryLimits.forCase(found.id, user),
      this.unheard.notifiesNobody(user, found.id),
      hasRole(user, 'admin') ? this.teams.list({ limit: 200, offset: 0 }) : Promise.resolve(undefined),
    ]);
    const language = pageLanguage(req);
    // What is still to happen (or went wrong, or was held back for a reason such as lateness) is
    // listed; what was sent, cancelled or skipped when planned is counted.
    const ahead = list.items.filter(
      (item) =>
        item.status === 'pending' ||
        item.status === 'failed' ||
        (item.status === 'skipped' && item.lastError !== null),
    );
    // Reminders a death or disappearance cancelled say so, once per reason.
    const cancelledFor = [
      ...list.items
        .filter((item) => item.status === 'cancelled' && item.cancelReason)
        .reduce(
          (counts, item) => counts.set(item.cancelReason!, (counts.get(item.cancelReason!) ?? 0) + 1),
          new Map<string, number>(),
        ),
    ].map(([reason, count]) => ({ words: cancelledWords(language, reason, count) }));
    const failed = Boolean(state.policyErrors || state.recipientErrors);
    this.view.render(
      req,
      res,
      'case-settings.njk',
      {
        title: translate(language, 'caseSettings.title', { title: found.title }),
        found,
        me: watchers.find((watcher) => watcher.userId === user.id),
        watchers,
        recipients,
        policy,
        policyValues: state.policyValues ?? policyValues(policy.override),
        policyErrors: state.policyErrors ?? {},
        recipientValues: state.recipientValues ?? { language: 'en' },
        recipientErrors: state.recipientErrors ?? {},
        reminders: ahead.map((item) => ({
          ...item,
          trouble: item.lastError && reminderTroubleWords(language, item.lastError),
        })),
        cancelledFor,
        otherReminders: list.items.length - ahead.length,
        ...limitsPanel(limits),
        notifiesNobody,
        subject: found,
        subjectName: 'case',
        teams: teams?.items ?? [],
        restrictedIds: found.restrictedTo.map((team) => team.id),
        restrictionAction: `/settings/cases/${found.id}/restriction`,
        ...settingsWords(language),
      },
      failed ? 400 : 200,
    );
  }
}
