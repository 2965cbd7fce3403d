/**
 * The intake worker's protocol (intake.worker.ts). The page starts it with the camera stream and
 * one end of a channel whose other end goes to the pose worker; the pose worker then says how it
 * wants frames: converted into a shared mailbox (an int32 model input), or as VideoFrames.
 * Pixels only ever travel between the two workers.
 */
import type { PixelKind } from './pixels';

/** Page → intake. */
export type PageToIntake =
  | { type: 'start'; frames: ReadableStream<VideoFrame>; port: MessagePort }
  | { type: 'stop' };

/**
 * Pose worker → intake, over the channel. The intake reads nothing until asked: 'next' reads one
 * frame (the first, for the model's first run), 'stream' every frame from then on. Reading at
 * the camera's rate beside the model's first, heaviest run made that run ~90 ms slower here.
 */
export type PoseToIntake =
  | { type: 'configure'; deliver: PixelKind | 'frames' }
  | { type: 'next' }
  | { type: 'stream' };

/** Intake → pose worker, over the channel. */
export type IntakeToPose =
  /** A mailbox for frames of this size (sent again, new, when the frame size outgrows it). */
  | { type: 'mailbox'; buffer: SharedArrayBuffer }
  /** deliver 'frames': the newest camera frame, transferred (`captureTime`: when the intake got it, epoch ms). */
  | { type: 'frame'; frame: VideoFrame; captureTime: number }
  /** The stream ended (error: why, when it failed). */
  | { type: 'ended'; error: string | null };
