import { randomBytes } from 'node:crypto';

/** A new opaque id (teams, members, challenges, people): 128 random bits, base64url, 22 characters (core/api/common.ts ID_PATTERN). */
export function randomId(): string {
  return randomBytes(16).toString('base64url');
}
