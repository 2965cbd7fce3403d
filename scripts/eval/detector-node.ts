/**
 * The app's own detector, offline in Node: the pinned MoveNet weights and tfjs wasm binaries from
 * models/manifest.json (sha256-checked, never fetched), the worker's loadMoveNet/warmUp with the
 * shared configuration (workers/pose/config.ts), frames halved into int32 RGB tensors as the
 * worker's wasm path does.
 */
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { blackTensor, loadMoveNet, warmUp, type MoveNet } from '../../workers/pose/detector';
import { rgbaHalveToRgbInt32 } from '../../workers/pose/pixels';
import { readManifest, readVerified, sourcePath, type ManifestEntry } from '../copy-assets';

export interface RgbFrame { width: number; height: number; /** width × height × 3 bytes, RGB. */ data: Uint8Array }

export interface OfflineDetector {
  /** Keypoints of one frame (x, y in pixels, score), or null when nobody is found. */
  estimate(frame: RgbFrame, timestampMs: number): Promise<Float32Array | null>;
  /** Clears the smoother and the crop region between clips, as a fresh worker would start. */
  reset(): void;
  dispose(): void;
}

function entry(list: ManifestEntry[], name: string): ManifestEntry {
  const found = list.find((e) => e.name === name);
  if (!found) throw new Error(`models/manifest.json has no "${name}"`);
  return found;
}

/** A tfjs IO handler over the pinned model.json + weights (one weights file, as shipped). */
async function pinnedModel(): Promise<tf.io.IOHandler> {
  const manifest = await readManifest();
  const model = entry(manifest.models, 'movenet-lightning');
  const jsonFile = model.files.find((f) => f.to.endsWith('.json'));
  const binFile = model.files.find((f) => f.to.endsWith('.bin'));
  if (!jsonFile || !binFile) throw new Error('movenet-lightning in models/manifest.json needs one .json and one .bin');
  const json = JSON.parse((await readVerified(model, jsonFile)).toString('utf8')) as tf.io.ModelJSON;
  const bin = await readVerified(model, binFile);
  const paths = json.weightsManifest.flatMap((g) => g.paths);
  if (paths.length !== 1) throw new Error(`expected one weights file, model.json lists ${paths.join(', ')}`);
  return tf.io.fromMemory({
    modelTopology: json.modelTopology,
    weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
    weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength),
    format: json.format,
    generatedBy: json.generatedBy,
    convertedBy: json.convertedBy,
  });
}

let backendReady: Promise<void> | null = null;

/** tfjs wasm from the pinned binaries; single-threaded (the machine is shared; results do not depend on it). */
function initWasm(): Promise<void> {
  backendReady ??= (async () => {
    const manifest = await readManifest();
    const wasm = entry(manifest.runtimes, 'tfjs-backend-wasm');
    const paths: Record<string, string> = {};
    for (const file of wasm.files) {
      await readVerified(wasm, file);
      paths[file.from.split('/').pop()!] = await sourcePath(wasm, file);
    }
    setWasmPaths(paths);
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    if (!(await tf.setBackend('wasm'))) throw new Error(`tfjs wasm backend refused to start (files in ${dirname(Object.values(paths)[0])})`);
    await tf.ready();
  })();
  return backendReady;
}

export async function loadOfflineDetector(): Promise<OfflineDetector> {
  await initWasm();
  const model: MoveNet = await loadMoveNet(await pinnedModel());
  // As the worker: one inference on a black frame, then reset.
  await warmUp(model, blackTensor());
  return {
    async estimate(frame, timestampMs) {
      if (frame.data.length !== frame.width * frame.height * 3) throw new Error('frame size does not match width × height × 3');
      // As the worker on wasm ('copyto-half', workers/pose/pixels.ts): a half-size input, keypoints scaled back.
      const rgba = new Uint8Array(frame.width * frame.height * 4);
      for (let i = 0, j = 0; i < frame.data.length; i += 3, j += 4) {
        rgba[j] = frame.data[i];
        rgba[j + 1] = frame.data[i + 1];
        rgba[j + 2] = frame.data[i + 2];
      }
      const [w2, h2] = [frame.width >> 1, frame.height >> 1];
      const rgb = new Int32Array(w2 * h2 * 3);
      rgbaHalveToRgbInt32(rgba, frame.width, frame.height, rgb);
      const input = tf.tensor3d(rgb, [h2, w2, 3], 'int32');
      try {
        return await model.estimate(input, timestampMs, 2);
      } finally {
        input.dispose();
      }
    },
    reset: () => model.reset(),
    dispose: () => model.dispose(),
  };
}
