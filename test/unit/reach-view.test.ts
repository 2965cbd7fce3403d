// Reach targets are placed where the person sees them: inside the visible part of a cropped (cover)
// or letterboxed (contain) picture, with a margin, and within arm's length of the shoulder they are for.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boxInFrame, createGame, MAX_REACH, placeTarget, REACH_RADIUS, reachTargetAt, stageFit, toScreen, visibleArea, type Rect } from '../../src/core/games';
import { targetPixel } from '../../src/core/games/reach';
import { VIEW_MARGIN } from '../../src/core/games/view';
import { neutral, poseVector, standingPerson } from '../../src/core/pose/body-model';
import { KEYPOINT_NAMES } from '../../src/core/pose/keypoints';
import { parseTrace, parseTraceText, serializeTrace, TRACE_FORMAT, type PoseTrace } from '../../src/core/trace';

/** Camera frames and the windows (the play stage) they are shown in. */
const FRAMES = [{ width: 1280, height: 720 }, { width: 640, height: 480 }, { width: 1920, height: 1080 }, { width: 480, height: 640 }];
const BOXES = [{ width: 1280, height: 700 }, { width: 420, height: 700 }, { width: 800, height: 600 }, { width: 1920, height: 1000 }, { width: 360, height: 560 }];

describe('visible area', () => {
  it('cover crops a 16:9 picture to the portrait window, contain shows it all', () => {
    const frame = { width: 1280, height: 720 };
    const cover = visibleArea(frame, { width: 420, height: 800 }, 'cover');
    expect(cover.height).toBe(720);
    expect(cover.width).toBeCloseTo((420 / 800) * 720);
    expect(cover.x).toBeCloseTo((1280 - cover.width) / 2);
    expect(visibleArea(frame, { width: 420, height: 800 }, 'contain')).toEqual({ x: 0, y: 0, width: 1280, height: 720 });
    // A 16:9 picture in a 1280×800 window: the sides are cropped a little.
    const wide = visibleArea(frame, { width: 1280, height: 800 }, 'cover');
    expect(wide.height).toBe(720);
    expect(wide.width).toBeCloseTo(1152);
  });

  it('the stage crops only a little: a 16:9 picture fills a 1280×800 window, a portrait window shows it all', () => {
    expect(stageFit({ width: 1280, height: 720 }, { width: 1264, height: 660 })).toBe('cover');
    expect(stageFit({ width: 1280, height: 720 }, { width: 404, height: 660 })).toBe('contain');
    expect(stageFit({ width: 640, height: 480 }, { width: 1264, height: 660 })).toBe('contain');
    expect(stageFit({ width: 640, height: 480 }, { width: 800, height: 620 })).toBe('cover');
    expect(stageFit({ width: 480, height: 640 }, { width: 404, height: 660 })).toBe('cover');
  });

  it('maps the visible corners to the element corners, mirrored', () => {
    const view: Rect = { x: 100, y: 0, width: 400, height: 480 };
    expect(toScreen({ x: 100, y: 0 }, view)).toEqual({ x: 1, y: 0 });
    expect(toScreen({ x: 500, y: 480 }, view)).toEqual({ x: 0, y: 1 });
    expect(toScreen({ x: 300, y: 240 }, view, false)).toEqual({ x: 0.5, y: 0.5 });
  });
});

describe('target placement', () => {
  it('any planned target, any window: inside the visible area with its margin, and within reach', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FRAMES), fc.constantFrom(...BOXES), fc.constantFrom<'cover' | 'contain'>('cover', 'contain'),
        fc.integer({ min: 0, max: 10_000 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0.12, max: 0.3, noNaN: true }),
        (frame, box, fit, index, fx, fy, size) => {
          const view = visibleArea(frame, box, fit);
          const unit = size * Math.min(view.width, view.height);
          const radius = REACH_RADIUS * unit;
          const m = radius + VIEW_MARGIN * Math.min(view.width, view.height);
          // The person stands somewhere in the picture with both shoulders inside the safe area.
          const ls = { x: view.x + m + fx * (view.width - 2 * m), y: view.y + m + fy * (view.height - 2 * m) };
          const rs = { x: ls.x - unit, y: ls.y };
          fc.pre(rs.x >= view.x + m);
          const spec = reachTargetAt(7, index);
          const shoulder = spec.side === 'left' ? ls : rs;
          const p = placeTarget(targetPixel(spec, ls, rs, unit), radius, shoulder, unit, view);
          expect(p.x - radius).toBeGreaterThanOrEqual(view.x - 1e-6);
          expect(p.x + radius).toBeLessThanOrEqual(view.x + view.width + 1e-6);
          expect(p.y - radius).toBeGreaterThanOrEqual(view.y - 1e-6);
          expect(p.y + radius).toBeLessThanOrEqual(view.y + view.height + 1e-6);
          expect(Math.hypot(p.x - shoulder.x, p.y - shoulder.y)).toBeLessThanOrEqual(MAX_REACH * unit + 1e-6);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('a target already in view and in reach stays where it was planned', () => {
    const view: Rect = { x: 0, y: 0, width: 640, height: 480 };
    const p = { x: 420, y: 150 };
    expect(placeTarget(p, 20, { x: 360, y: 200 }, 67, view)).toEqual(p);
  });

  it('the game shows and judges its targets inside the view it is given', () => {
    // A person near the left edge of a 16:9 frame shown in a portrait window: most of the frame is cropped away.
    const frame = { width: 1280, height: 720 };
    const view = visibleArea(frame, { width: 420, height: 800 }, 'cover');
    const person = standingPerson({ H: 560, cx: view.x + view.width / 2, footY: 700 });
    const kp = poseVector(person, neutral(person));
    const game = createGame('reach', { ...frame, seed: 3, view });
    let seen = 0;
    for (let i = 0; i < 30 * 40; i++) {
      const s = game.update({ t: (i * 1000) / 30, kp });
      const target = s.reach?.target;
      if (!target) continue;
      seen++;
      expect(target.x - target.radius).toBeGreaterThanOrEqual(view.x);
      expect(target.x + target.radius).toBeLessThanOrEqual(view.x + view.width);
      expect(target.y - target.radius).toBeGreaterThanOrEqual(view.y);
    }
    expect(seen).toBeGreaterThan(0);
  });
});

describe('the stage in frame pixels', () => {
  it('letterboxed (contain): the element reaches past the frame, and a frame corner maps inside the element', () => {
    const frame = { width: 640, height: 480 };
    const box = boxInFrame(frame, { width: 1248, height: 664 }, 'contain');
    expect(box.y).toBeCloseTo(0);
    expect(box.x).toBeLessThan(0);
    const corner = toScreen({ x: 640, y: 0 }, box); // the frame's right edge is the screen's left (mirrored)
    expect(corner.x).toBeGreaterThan(0.1);
    expect(corner.y).toBeCloseTo(0);
    expect(visibleArea(frame, { width: 1248, height: 664 }, 'contain')).toEqual({ x: 0, y: 0, width: 640, height: 480 });
  });
});

describe('the view in a trace', () => {
  it('round-trips, and a malformed one is refused with its path', () => {
    const trace: PoseTrace = {
      format: TRACE_FORMAT, model: 'test', width: 640, height: 480, fps: 30, keypoints: [...KEYPOINT_NAMES], frames: [{ t: 0, kp: null }],
      run: { game: 'reach', seed: 3, durationMs: 60_000, countdownMs: 3000, idleMs: 30_000, view: { x: 120, y: 0, width: 400, height: 480 } },
    };
    expect(parseTraceText(serializeTrace(trace)).run!.view).toEqual({ x: 120, y: 0, width: 400, height: 480 });
    const bad = JSON.parse(serializeTrace(trace));
    bad.run.view = { x: 'left' };
    expect(() => parseTrace(bad)).toThrow(/run\.view/);
  });
});
