import { describe, expect, it, vi } from 'vitest';
import { setSetting } from '../../src/app/storage/settings';
import { ConsentModel } from '../../src/app/privacy/consent';

vi.mock('../../src/app/storage/settings', () => ({ getSetting: vi.fn(async () => ({ version: 1, givenAt: 0 })), setSetting: vi.fn() }));

describe('camera consent', () => {
  it('withdraws at once and says so when the withdrawal cannot be stored', async () => {
    const consent = new ConsentModel();
    await consent.load();
    expect(consent.given.value).toBe(true);
    vi.mocked(setSetting).mockRejectedValueOnce(new Error('quota'));
    await consent.withdraw();
    expect(consent.given.value).toBe(false);
    expect(consent.saveFailed.value).toBe(true);
    vi.mocked(setSetting).mockResolvedValueOnce();
    await consent.retry();
    expect(vi.mocked(setSetting)).toHaveBeenLastCalledWith('consent.camera', null);
    expect(consent.saveFailed.value).toBe(false);
  });
});
