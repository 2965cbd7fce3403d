/**
 * The page's state, one model per feature (`createModel` from @preact/signals): created once in
 * main.tsx, handed to the views through one context. Nothing runs at import time.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { SoundModel } from './games/sound';
import type { ConsentModel } from './privacy/consent';
import type { PwaModel } from './pwa/service-worker';

export interface Models {
  consent: ConsentModel;
  pwa: PwaModel;
  sound: SoundModel;
}

export const ModelsContext = createContext<Models | null>(null);

export function useModels(): Models {
  const models = useContext(ModelsContext);
  if (!models) throw new Error('useModels outside <ModelsContext.Provider>');
  return models;
}
