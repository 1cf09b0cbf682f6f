import type { Response } from 'express';
import { validateAs } from './forms';
import { FieldErrors, formErrors } from './web-request';

export interface FormSubmission<Input extends object, Saved> {
  /** The API's DTO: the page refuses exactly what the API would. */
  dto: new () => Input;
  /** The form read into the DTO's shape (readForm and friends). */
  form: Record<string, unknown>;
  /** The service call, the same one the API makes. */
  save: (input: Input) => Promise<Saved>;
  /** Where the result is shown. */
  redirectTo: string | ((saved: Saved) => string);
  /** The form again, with the problems beside its fields (the page answers 400). */
  showAgain: (errors: FieldErrors) => void | Promise<void>;
}

/**
 * The shape of every form post: validate with the API's DTO, call the service and redirect to where
 * the result is shown (303, so a reload does not post twice); if the DTO or the service refused the
 * input, show the form again with its problems. Any other failure (not found, forbidden, a bug) goes
 * on to the error filter.
 */
export async function submitForm<Input extends object, Saved>(
  response: Response,
  submission: FormSubmission<Input, Saved>,
): Promise<void> {
  let saved: Saved;
  try {
    saved = await submission.save(await validateAs(submission.dto, submission.form));
  } catch (error) {
    const errors = formErrors(error);
    if (!errors) {
      throw error;
    }
    await submission.showAgain(errors);
    return;
  }
  const { redirectTo } = submission;
  response.redirect(303, typeof redirectTo === 'string' ? redirectTo : redirectTo(saved));
}

const PAGE_SIZE = 25;

/**
 * A list page's filters, validated with the API's query DTO. Filters it refuses do not break the
 * page: it lists everything and says what was wrong beside the filters.
 */
export async function listFiltered<Query extends object, Page>(
  dto: new () => Query,
  filters: Record<string, unknown>,
  list: (query: Query) => Promise<Page>,
): Promise<{ result: Page; errors: FieldErrors }> {
  try {
    return { result: await list(await validateAs(dto, { ...filters, limit: PAGE_SIZE })), errors: {} };
  } catch (error) {
    const errors = formErrors(error);
    if (!errors) {
      throw error;
    }
    return { result: await list(await validateAs(dto, { limit: PAGE_SIZE })), errors };
  }
}
