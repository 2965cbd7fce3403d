/** Every way opening or keeping the camera can fail, each with its own message and way forward. */
export type CameraErrorCode =
  | 'denied' // the user or a policy said no
  | 'not-found' // no camera at all, or the chosen one is gone
  | 'in-use' // another app holds it (NotReadableError)
  | 'unplugged' // it went away mid-session
  | 'overconstrained' // the requested resolution/device cannot be had
  | 'insecure' // not a secure context: the API is not there
  | 'unknown';

export class CameraError extends Error {
  constructor(readonly code: CameraErrorCode, detail: string) {
    super(detail);
    this.name = 'CameraError';
  }
}

export function toCameraError(error: unknown): CameraError {
  if (error instanceof CameraError) return error;
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  const detail = error instanceof Error ? error.message : String(error);
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
    case 'PermissionDeniedError':
      return new CameraError('denied', detail);
    case 'NotFoundError':
    case 'DevicesNotFoundError':
      return new CameraError('not-found', detail);
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return new CameraError('in-use', detail);
    case 'OverconstrainedError':
    case 'ConstraintNotSatisfiedError':
      return new CameraError('overconstrained', detail);
    default:
      return new CameraError('unknown', detail || name);
  }
}
