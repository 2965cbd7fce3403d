/**
 * Video → RGB frames with ffmpeg (the system's): at the clip's own frame rate or resampled, after an
 * optional trim, scaled down to at most 640 px wide as the app's default camera would deliver it.
 * Frames come as a PPM stream, so each frame carries its own size (rotation metadata is applied).
 */
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import type { RgbFrame } from './detector-node';

const run = promisify(execFile);

/** The widest frame the app's camera asks for (640×480 ideal); wider clips are scaled down to it. */
const MAX_WIDTH = 640;

/** The clip's average frame rate, as a fraction string ffmpeg's fps filter takes, and its value. */
export async function probeRate(file: string): Promise<{ rate: string; fps: number }> {
  let stdout: string;
  try {
    ({ stdout } = await run('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=avg_frame_rate,r_frame_rate', '-of', 'json', file]));
  } catch (error) {
    throw new Error(`ffprobe cannot read ${file}: ${(error as { stderr?: string }).stderr?.trim() || (error as Error).message}`);
  }
  const stream = (JSON.parse(stdout) as { streams?: { avg_frame_rate?: string; r_frame_rate?: string }[] }).streams?.[0];
  for (const rate of [stream?.avg_frame_rate, stream?.r_frame_rate]) {
    const m = /^(\d+)\/(\d+)$/.exec(rate ?? '');
    if (m && Number(m[1]) > 0 && Number(m[2]) > 0) return { rate: rate!, fps: Number(m[1]) / Number(m[2]) };
  }
  throw new Error(`${file} has no video stream with a frame rate`);
}

function filterGraph(rate: string, trim?: readonly [number, number]): string {
  const parts: string[] = [];
  if (trim) parts.push(`trim=start=${trim[0]}:end=${trim[1]}`, 'setpts=PTS-STARTPTS');
  parts.push(`fps=${rate}`, `scale=w='min(${MAX_WIDTH},iw)':h=-2`, 'format=rgb24');
  return parts.join(',');
}

/** Decoded frames in order; the i-th frame is at i / rate seconds (constant rate after the fps filter). */
export async function* decodeFrames(file: string, rate: string, trim?: readonly [number, number]): AsyncGenerator<RgbFrame> {
  const ffmpeg = spawn('ffmpeg', ['-v', 'error', '-nostdin', '-i', file, '-an', '-vf', filterGraph(rate, trim), '-f', 'image2pipe', '-c:v', 'ppm', 'pipe:1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  ffmpeg.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
  const exited = new Promise<number | null>((resolve, reject) => {
    ffmpeg.on('error', reject);
    ffmpeg.on('close', resolve);
  });
  let buffer: Buffer = Buffer.alloc(0);
  try {
    for await (const chunk of ffmpeg.stdout as AsyncIterable<Buffer>) {
      buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
      for (;;) {
        const frame = takePpm(buffer);
        if (!frame) break;
        buffer = frame.rest;
        yield frame.frame;
      }
    }
    const code = await exited;
    if (code !== 0) throw new Error(`ffmpeg could not decode ${file}: ${stderr.trim() || `exit ${code}`}`);
    if (buffer.length) throw new Error(`ffmpeg left ${buffer.length} bytes of an incomplete frame from ${file}`);
  } finally {
    if (ffmpeg.exitCode === null) ffmpeg.kill();
  }
}

/** One binary PPM (P6, maxval 255) from the front of the buffer, or null when it is not complete yet. */
export function takePpm(buffer: Buffer): { frame: RgbFrame; rest: Buffer } | null {
  // Header: "P6" whitespace width whitespace height whitespace maxval, then exactly one whitespace byte.
  const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(buffer.subarray(0, 64).toString('latin1'));
  if (!header) {
    if (buffer.length >= 64 || (buffer.length >= 2 && buffer.subarray(0, 2).toString('latin1') !== 'P6')) {
      throw new Error('ffmpeg did not write a binary PPM frame');
    }
    return null;
  }
  const [all, w, h, maxval] = header;
  if (maxval !== '255') throw new Error(`unexpected PPM maxval ${maxval}`);
  const width = Number(w);
  const height = Number(h);
  const start = all.length;
  const end = start + width * height * 3;
  if (buffer.length < end) return null;
  return { frame: { width, height, data: buffer.subarray(start, end) }, rest: buffer.subarray(end) };
}
