/**
 * All UI text, merged from one file per feature (so features can grow their texts independently).
 * English is the source of the keys; every other language is type-checked against it.
 */
import * as games from './messages/games';
import * as history from './messages/history';
import * as privacy from './messages/privacy';
import * as reminders from './messages/reminders';
import * as shell from './messages/shell';
import * as teams from './messages/teams';
import * as uploads from './messages/uploads';

export const en = { ...shell.en, ...games.en, ...history.en, ...teams.en, ...privacy.en, ...reminders.en, ...uploads.en };
export const sv: Record<keyof typeof en, string> = { ...shell.sv, ...games.sv, ...history.sv, ...teams.sv, ...privacy.sv, ...reminders.sv, ...uploads.sv };

export { nb } from './messages/nb';
export { da } from './messages/da';

export type MessageKey = keyof typeof en;
