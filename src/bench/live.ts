/** The bench page's own live pipeline (the app creates its own in src/app/main.tsx). */
import { LiveModel } from '../app/live/live';

const live = new LiveModel();
export const liveDebug = live.debug();
export const { status: liveStatus, error: liveError, onPose, poseStats, start: startLive, stop: stopLive } = live;
