/**
 * The page's state, one model per feature (`createModel` from @preact/signals): created once in
 * main.tsx, handed to the views through one context. Nothing runs at import time.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { AggregatesModel } from './aggregates';
import type { DemoClockModel } from './games/DemoFigure';
import type { PlayModel } from './games/play';
import type { ProgressModel } from './games/progress';
import type { SoundModel } from './games/sound';
import type { LiveModel } from './live/live';
import type { ConsentModel } from './privacy/consent';
import type { PwaModel } from './pwa/service-worker';
import type { RemindersModel } from './reminders/reminders';
import type { SharingModel } from './teams/sharing';
import type { TeamsModel } from './teams/state';
import type { TeamWeekModel } from './teams/team-week';
import type { InstallModel } from './ui/InstallButton';
import type { NavModel } from './ui/nav';

export interface Models {
  consent: ConsentModel;
  pwa: PwaModel;
  sound: SoundModel;
  reminders: RemindersModel;
  nav: NavModel;
  progress: ProgressModel;
  play: PlayModel;
  aggregates: AggregatesModel;
  demoClock: DemoClockModel;
  install: InstallModel;
  teams: TeamsModel;
  teamWeek: TeamWeekModel;
  sharing: SharingModel;
  live: LiveModel;
}

export const ModelsContext = createContext<Models | null>(null);

export function useModels(): Models {
  const models = useContext(ModelsContext);
  if (!models) throw new Error('useModels outside <ModelsContext.Provider>');
  return models;
}
