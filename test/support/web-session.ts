import request from 'supertest';
import { TestApp, TestUser } from './test-app';

/** A supertest agent signed in to the web pages, and the CSRF token its forms carry. */
export interface WebAgent {
  agent: ReturnType<typeof request.agent>;
  csrf: string;
  /** The session cookie's value, for checks that build a request by hand. */
  sessionToken: string;
  /** The CSRF token on a given page (each page's forms carry the session's token). */
  csrfOn(path: string): Promise<string>;
}

export const csrfFrom = (html: string): string => {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) {
    throw new Error('No CSRF token on the page');
  }
  return match[1];
};

export async function signInToWeb(t: TestApp, user: TestUser): Promise<WebAgent> {
  const agent = request.agent(t.app.getHttpServer());
  const loginPage = await agent.get('/login').expect(200);
  const login = await agent
    .post('/login')
    .type('form')
    .send({ email: user.email, password: user.password, _csrf: csrfFrom(loginPage.text) })
    .expect(303);
  const cookie = [login.headers['set-cookie'] ?? []]
    .flat()
    .find((line: string) => line.startsWith('vigil_session='));
  const sessionToken = decodeURIComponent(/^vigil_session=([^;]+)/.exec(cookie ?? '')?.[1] ?? '');
  const csrfOn = async (path: string) => csrfFrom((await agent.get(path).expect(200)).text);
  return { agent, csrf: await csrfOn('/'), sessionToken, csrfOn };
}
