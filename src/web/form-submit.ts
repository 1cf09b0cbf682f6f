import type { Response } from 'express';
import { FieldErrors, formErrors } from './web-request';

/**
 * The shape of every form post: try the change and redirect to where the result is shown (303, so a
 * reload does not post twice); if the service refused the input, show the form again with its
 * problems. Any other failure (not found, forbidden, a bug) goes on to the error filter.
 */
export async function submitForm(
  response: Response,
  attempt: () => Promise<string>,
  showAgain: (errors: FieldErrors) => void,
): Promise<void> {
  let location: string;
  try {
    location = await attempt();
  } catch (error) {
    const errors = formErrors(error);
    if (!errors) {
      throw error;
    }
    showAgain(errors);
    return;
  }
  response.redirect(303, location);
}
