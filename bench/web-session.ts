// Signs in to the web pages the way a browser does (the login form with its CSRF token), so the
// dashboard page can be measured with a real session cookie.

const cookiePairs = (response: Response): string[] =>
  response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]);

export async function webSessionCookie(baseUrl: string, email: string, password: string): Promise<string> {
  const form = await fetch(`${baseUrl}/login`);
  const html = await form.text();
  const csrf =
    /name="_csrf"\s+value="([^"]+)"/.exec(html)?.[1] ?? /value="([^"]+)"\s+name="_csrf"/.exec(html)?.[1];
  if (!form.ok || !csrf) {
    throw new Error(`GET /login answered ${form.status} without a CSRF field`);
  }
  const preLogin = cookiePairs(form).join('; ');
  const login = await fetch(`${baseUrl}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: preLogin },
    body: new URLSearchParams({ email, password, _csrf: csrf, next: '/' }).toString(),
  });
  const session = cookiePairs(login).find((pair) => pair.startsWith('vigil_session='));
  if (login.status !== 303 || !session) {
    throw new Error(`POST /login answered ${login.status} without a session cookie`);
  }
  return session;
}
