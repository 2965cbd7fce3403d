// The get-ready message never flickers (each stays ≥ 1 s, with a fake clock) and says the camera is
// starting until the first pose arrives.
import { describe, expect, it } from 'vitest';
import { GUIDANCE_MIN_MS, SteadyGuidance, wantedGuidance, type Guidance } from '../../src/core/play';

describe('get-ready guidance', () => {
  it('says "starting the camera" until the first pose, whatever the need, then what to fix', () => {
    expect(wantedGuidance(true, 'step-in')).toBe('loading');
    expect(wantedGuidance(true, null)).toBe('loading');
    expect(wantedGuidance(false, 'step-in')).toBe('step-in');
    expect(wantedGuidance(false, null)).toBe('hold-still');
  });

  it('a message stays at least a second; the latest waiting one follows', () => {
    const g = new SteadyGuidance('loading', 0);
    expect(g.update('step-in', 200)).toBe('loading'); // first pose after 0.2 s: loading stays to 1 s
    expect(g.nextChangeAt).toBe(GUIDANCE_MIN_MS);
    expect(g.update('show-hands', 500)).toBe('loading');
    expect(g.tick(999)).toBe('loading');
    expect(g.tick(1000)).toBe('show-hands'); // the latest wanted, not the stale 'step-in'
    expect(g.nextChangeAt).toBeNull();
    expect(g.update('hold-still', 1100)).toBe('show-hands');
    expect(g.update('show-hands', 1300)).toBe('show-hands'); // wanted again: nothing waits
    expect(g.nextChangeAt).toBeNull();
    expect(g.tick(5000)).toBe('show-hands');
    expect(g.update('hold-still', 5000)).toBe('hold-still'); // shown long enough: changes at once
  });

  it('a need flickering every frame changes the message at most once a second', () => {
    const g = new SteadyGuidance('loading', 0);
    const shown: { t: number; key: Guidance }[] = [];
    for (let t = 0; t <= 10_000; t += 33) {
      const wanted = wantedGuidance(t < 300, Math.floor(t / 33) % 2 ? 'show-hands' : null);
      const key = g.update(wanted, t);
      if (!shown.length || shown[shown.length - 1].key !== key) shown.push({ t, key });
    }
    expect(shown[0].key).toBe('loading');
    expect(shown.length).toBeGreaterThan(3);
    for (let i = 1; i < shown.length; i++) expect(shown[i].t - shown[i - 1].t).toBeGreaterThanOrEqual(GUIDANCE_MIN_MS);
  });
});
