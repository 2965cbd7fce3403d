import { describe, expect, it } from 'vitest';
import { CameraError, toCameraError } from '../../src/app/camera/camera-errors';

describe('camera error mapping', () => {
  it.each([
    ['NotAllowedError', 'denied'],
    ['SecurityError', 'denied'],
    ['NotFoundError', 'not-found'],
    ['NotReadableError', 'in-use'],
    ['OverconstrainedError', 'overconstrained'],
    ['TypeError', 'unknown'],
  ])('%s becomes %s', (name, code) => {
    expect(toCameraError(new DOMException('detail', name)).code).toBe(code);
  });

  it('keeps a CameraError as it is and never loses the detail', () => {
    const original = new CameraError('unplugged', 'track ended');
    expect(toCameraError(original)).toBe(original);
    expect(toCameraError('weird').message).toBe('weird');
  });
});
