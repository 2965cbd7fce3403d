/**
 * The page's state, one model per feature (`createModel` from @preact/signals): created once in
 * main.tsx, handed to the views through one context. Nothing runs at import time.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ConsentModel } from './privacy/consent';

export interface Models {
  consent: ConsentModel;
}

export const ModelsContext = createContext<Models | null>(null);

export function useModels(): Models {
  const models = useContext(ModelsContext);
  if (!models) throw new Error('useModels outside <ModelsContext.Provider>');
  return models;
}
