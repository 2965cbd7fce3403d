import { describe, expect, it } from 'vitest';
import { KEYPOINT_NAMES } from '../../src/core/pose/keypoints';
import { parseTrace, parseTraceText, serializeTrace, TraceError, TraceRecorder, type PoseTrace } from '../../src/core/trace';

const kp = (v = 100) => Array.from({ length: 51 }, (_, i) => (i % 3 === 2 ? 0.9 : v + i));
const valid = () => ({
  format: 'pose-trace/1',
  model: 'movenet-lightning',
  width: 640,
  height: 480,
  fps: 30,
  keypoints: [...KEYPOINT_NAMES],
  frames: [
    { t: 0, kp: kp() },
    { t: 33.3, kp: null },
    { t: 66.7, kp: kp(120) },
  ],
});

function errorOf(json: unknown): TraceError {
  try {
    parseTrace(json);
  } catch (e) {
    expect(e).toBeInstanceOf(TraceError);
    return e as TraceError;
  }
  throw new Error('expected parseTrace to throw');
}

describe('parseTrace', () => {
  it('accepts a valid trace, including null frames', () => {
    const t = parseTrace(valid());
    expect(t.frames).toHaveLength(3);
    expect(t.frames[1].kp).toBeNull();
    expect(t.width).toBe(640);
  });

  it('names the problem and where it is', () => {
    expect(errorOf({ ...valid(), format: 'pose-trace/2' }).message).toMatch(/format: expected "pose-trace\/1"/);
    expect(errorOf('nope').path).toBe('$');
    const swapped = [...KEYPOINT_NAMES] as string[];
    [swapped[1], swapped[2]] = [swapped[2], swapped[1]];
    expect(errorOf({ ...valid(), keypoints: swapped }).path).toBe('keypoints[1]');
    expect(errorOf({ ...valid(), keypoints: KEYPOINT_NAMES.slice(0, 16) }).path).toBe('keypoints');
    const short = valid();
    short.frames[2].kp = kp().slice(0, 50);
    expect(errorOf(short).message).toMatch(/frames\[2\]\.kp: kp must have 51 numbers, got 50/);
    const back = valid();
    back.frames[2].t = 10;
    expect(errorOf(back).message).toMatch(/frames\[2\]\.t: t must increase strictly/);
    const same = valid();
    same.frames[1].t = 0;
    expect(errorOf(same).path).toBe('frames[1].t');
    const nan = valid();
    nan.frames[0].kp![7] = NaN;
    expect(errorOf(nan).path).toBe('frames[0].kp[7]');
    const nul = valid();
    (nul.frames[0].kp as unknown[])[4] = null; // how JSON.stringify writes NaN
    expect(errorOf(nul).path).toBe('frames[0].kp[4]');
    expect(errorOf({ ...valid(), width: 0 }).path).toBe('width');
    expect(errorOf({ ...valid(), frames: {} }).path).toBe('frames');
    expect(errorOf({ ...valid(), frames: [{ t: 'x', kp: null }] }).path).toBe('frames[0].t');
  });

  it('reports invalid JSON text as a TraceError', () => {
    expect(() => parseTraceText('{"format":')).toThrow(TraceError);
  });
});

describe('serializeTrace', () => {
  it('round-trips through parseTrace with 0.1 px / 0.01 score precision', () => {
    const t = parseTrace(valid());
    t.frames[0].kp = Array.from(t.frames[0].kp!, (v, i) => (i % 3 === 2 ? 0.123456 : v + 0.04321));
    const back = parseTraceText(serializeTrace(t));
    expect(back.frames).toHaveLength(3);
    expect(back.frames[0].kp![0]).toBeCloseTo(100, 1);
    expect(back.frames[0].kp![2]).toBe(0.12);
    expect(back.frames[1].kp).toBeNull();
    expect(back.keypoints).toEqual(KEYPOINT_NAMES);
  });
});

describe('TraceRecorder', () => {
  it('records relative times, copies keypoints and drops non-increasing or malformed frames', () => {
    const rec = new TraceRecorder({ width: 640, height: 480 });
    const buf = kp();
    rec.push(5000, buf);
    buf[0] = -1; // the caller reuses its buffer
    rec.push(5033, null);
    rec.push(5033, kp()); // same time: dropped
    rec.push(5066, kp().slice(0, 10)); // malformed: dropped
    rec.push(5100, kp());
    const trace: PoseTrace = rec.toTrace();
    expect(trace.frames.map((f) => f.t)).toEqual([0, 33, 100]);
    expect(trace.frames[0].kp![0]).toBe(100);
    expect(rec.dropped).toBe(2);
    expect(parseTraceText(serializeTrace(trace)).frames).toHaveLength(3);
  });

  it('stops at maxFrames', () => {
    const rec = new TraceRecorder({ width: 640, height: 480, maxFrames: 2 });
    for (let i = 0; i < 5; i++) rec.push(i * 10, null);
    expect(rec.length).toBe(2);
    expect(rec.dropped).toBe(3);
  });
});

describe('the recorded run', () => {
  const run = { game: 'reach', seed: 42, durationMs: 60_000, countdownMs: 3000, idleMs: 30_000 };

  it('round-trips, end included; an endless duration is written as null and read as Infinity', () => {
    const rec = new TraceRecorder({ width: 640, height: 480, run: { ...run, game: 'reach', durationMs: Infinity } });
    rec.push(1000, kp());
    const last = rec.push(1033.33333, kp())!;
    expect(last.t).toBe(33.3); // stored as the file holds it
    rec.end(last.t, 'stopped');
    const text = serializeTrace(rec.toTrace());
    expect(text).toContain('"durationMs":null');
    expect(parseTraceText(text).run).toEqual({ ...run, durationMs: Infinity, end: { t: 33.3, reason: 'stopped' } });
  });

  it('older traces without a run still parse; a bad run names its field', () => {
    expect(parseTrace(valid()).run).toBeUndefined();
    expect(errorOf({ ...valid(), run: 'x' }).path).toBe('run');
    expect(errorOf({ ...valid(), run: { ...run, game: 'situps' } }).path).toBe('run.game');
    expect(errorOf({ ...valid(), run: { ...run, seed: 1.5 } }).path).toBe('run.seed');
    expect(errorOf({ ...valid(), run: { ...run, countdownMs: -1 } }).path).toBe('run.countdownMs');
    expect(errorOf({ ...valid(), run: { ...run, countdownMs: null } }).path).toBe('run.countdownMs');
    expect(errorOf({ ...valid(), run: { ...run, end: { t: 'x', reason: 'stopped' } } }).path).toBe('run.end.t');
  });
});
