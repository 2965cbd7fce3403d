/**
 * Test users of the development sign-in. Their subjects are stable, so teams made by "alice"
 * are still hers after a restart. No passwords: this provider only ever runs on localhost.
 */
export interface DevUser {
  username: string;
  name: string;
  /** Stable `sub`; the API keys people on issuer + sub. */
  subject: string;
}

export const DEV_USERS: readonly DevUser[] = [
  { username: 'alice', name: 'Alice Andersson (test user)', subject: 'dev-user-alice' },
  { username: 'bob', name: 'Bob Berg (test user)', subject: 'dev-user-bob' },
  { username: 'carol', name: 'Carol Carlsson (test user)', subject: 'dev-user-carol' },
];

/** The e-mail-like name shown by MSAL as the account's username. */
export function preferredUsername(user: DevUser): string {
  return `${user.username}@dev.localhost`;
}

export function userBySubject(subject: string): DevUser | undefined {
  return DEV_USERS.find((u) => u.subject === subject);
}

export function userByName(username: string): DevUser | undefined {
  const wanted = username.trim().toLowerCase().replace(/@dev\.localhost$/, '');
  return DEV_USERS.find((u) => u.username === wanted);
}
