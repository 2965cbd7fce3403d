/**
 * What pose-detection imports from '@tensorflow/tfjs-backend-webgpu' (its BlazePose paths check
 * `backend() instanceof WebGPUBackend`), without the package index, which registers the backend and
 * all its kernels as a side effect. Aliased for the bare name in vite.config.ts; backend.ts loads
 * the real index (the same module instances, so the class is the same) when WebGPU is tried.
 */
export { WebGPUBackend, webgpu_util } from '@tensorflow/tfjs-backend-webgpu/dist/webgpu';
