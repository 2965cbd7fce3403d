/** Sorts MSAL's errors into what the UI can say about them. */
import { AuthError, InteractionRequiredAuthError } from '@azure/msal-browser';

export type AuthProblem = 'offline' | 'cancelled' | 'interaction-required' | 'failed';

export function classifyAuthError(error: unknown): AuthProblem {
  if (!navigator.onLine) return 'offline';
  if (error instanceof InteractionRequiredAuthError) return 'interaction-required';
  if (error instanceof AuthError) {
    const code = `${error.errorCode} ${error.subError ?? ''}`;
    if (/network|connectivity|timed?_?out|post_request_failed|get_request_failed/i.test(code)) return 'offline';
    if (/access_denied|user_cancelled|cancel/i.test(code)) return 'cancelled';
    // A refresh token that is gone, expired or revoked: only a new sign-in helps.
    if (/invalid_grant|no_tokens_found|refresh_token|login_required|consent_required|no_account/i.test(code)) return 'interaction-required';
  }
  if (error instanceof TypeError) return 'offline';
  return 'failed';
}

export function describeAuthError(error: unknown): string {
  if (error instanceof AuthError) return `${error.errorCode}${error.errorMessage ? `: ${error.errorMessage}` : ''}`;
  return error instanceof Error ? error.message : String(error);
}
