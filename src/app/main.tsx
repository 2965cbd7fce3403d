import { render } from 'preact';
import { AggregatesModel } from './aggregates';
import { initAuth } from './auth';
import { locale } from './i18n/i18n';
import { DemoClockModel } from './games/DemoFigure';
import { PlayModel } from './games/play';
import { ProgressModel } from './games/progress';
import { SoundModel } from './games/sound';
import { ModelsContext, type Models } from './models';
import { ConsentModel } from './privacy/consent';
import { RemindersModel } from './reminders/reminders';
import { SharingModel } from './teams/sharing';
import { TeamsModel } from './teams/state';
import { TeamWeekModel } from './teams/team-week';
import { purgeAtStart } from './storage/data-rights';
import { PwaModel } from './pwa/service-worker';
import { installVisibilityGuard, liveDebug } from './live/live';
import { App } from './ui/App';
import { NavModel } from './ui/nav';
import { InstallModel } from './ui/InstallButton';
import { installKeyboard } from './ui/keyboard';
import './styles.css';

document.documentElement.lang = locale.value;
installVisibilityGuard();
installKeyboard();
// Read-only figures for browser tests and the developer view.
(window as unknown as { __microbreak: typeof liveDebug }).__microbreak = liveDebug;
// Finish a returning sign-in redirect first (MSAL needs handleRedirectPromise before anything else).
void initAuth();
const reminders = new RemindersModel();
const progress = new ProgressModel();
const play = new PlayModel(reminders, progress);
const teams = new TeamsModel();
const models: Models = {
  consent: new ConsentModel(), pwa: new PwaModel(), sound: new SoundModel(play.hud), reminders, nav: new NavModel(reminders.breakRequest), progress, play,
  aggregates: new AggregatesModel(teams), demoClock: new DemoClockModel(), install: new InstallModel(), teams,
  teamWeek: new TeamWeekModel(), sharing: new SharingModel(),
};
models.install.listen();
void models.consent.load();
void models.reminders.start();
// Retention: history older than the chosen period goes at every start; then the anonymous team
// uploads start (closed days are queued and sent when due, tokens topped up while signed in).
void purgeAtStart().then(models.aggregates.start);
render(<ModelsContext.Provider value={models}><App /></ModelsContext.Provider>, document.getElementById('app')!);
void models.pwa.register();
