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
import { LiveModel, type LiveDebug } from './live/live';
import { App } from './ui/App';
import { NavModel } from './ui/nav';
import { InstallModel } from './ui/InstallButton';
import { installKeyboard } from './ui/keyboard';
import './styles.css';

document.documentElement.lang = locale.value;
// Finish a returning sign-in redirect first (MSAL needs handleRedirectPromise before anything else).
void initAuth();
const live = new LiveModel();
const reminders = new RemindersModel();
const progress = new ProgressModel();
const play = new PlayModel(live, reminders, progress);
const teams = new TeamsModel();
const models: Models = {
  live, play, reminders, progress, teams,
  consent: new ConsentModel(), nav: new NavModel(reminders.breakRequest), sound: new SoundModel(play.hud),
  aggregates: new AggregatesModel(teams), teamWeek: new TeamWeekModel(), sharing: new SharingModel(),
  pwa: new PwaModel(), install: new InstallModel(), demoClock: new DemoClockModel(),
};
live.installVisibilityGuard();
installKeyboard(live);
models.install.listen();
// Read-only figures for browser tests and the developer view.
(window as unknown as { __microbreak: LiveDebug }).__microbreak = live.debug();
void models.consent.load();
void models.reminders.start();
// Retention: history older than the chosen period goes at every start; then the anonymous team
// uploads start (closed days are queued and sent when due, tokens topped up while signed in).
void purgeAtStart().then(models.aggregates.start);
render(<ModelsContext.Provider value={models}><App /></ModelsContext.Provider>, document.getElementById('app')!);
void models.pwa.register();
