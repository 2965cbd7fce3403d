/** The history view. */
import type { Messages } from '../types';

export const en = {
  'history.title': 'Your movement',
  'history.today': 'Today',
  'history.thisWeek': 'This week',
  'history.pastWeeks': 'Past weeks',
  'history.points': 'Movement points',
  'history.activeMinutes': 'Active minutes',
  'history.sessions': 'Breaks',
  'history.reps': 'Reps',
  'history.streak': 'Streak',
  'history.days.one': '{n} day',
  'history.days.other': '{n} days',
  'history.week': 'Week {week}',
  'history.weekYear': 'Week {week}, {year}',
  'history.longest': 'Longest streak: {days}',
  'history.empty': 'No breaks yet today. A one-minute game is a good start!',
  'history.weekOf': 'Week of {date}',
  'history.loadFailed': 'Your history could not be read.',
  'history.onDevice': 'Stored only on this device.',
} as const;

export const sv: Messages<typeof en> = {
  'history.title': 'Din rörelse',
  'history.today': 'I dag',
  'history.thisWeek': 'Den här veckan',
  'history.pastWeeks': 'Tidigare veckor',
  'history.points': 'Rörelsepoäng',
  'history.activeMinutes': 'Aktiva minuter',
  'history.sessions': 'Pauser',
  'history.reps': 'Repetitioner',
  'history.streak': 'Svit',
  'history.days.one': '{n} dag',
  'history.days.other': '{n} dagar',
  'history.week': 'v. {week}',
  'history.weekYear': 'v. {week} {year}',
  'history.longest': 'Längsta svit: {days}',
  'history.empty': 'Inga pauser än i dag. Ett spel på en minut är en bra början!',
  'history.weekOf': 'Veckan från {date}',
  'history.loadFailed': 'Din historik kunde inte läsas.',
  'history.onDevice': 'Sparas bara på den här enheten.',
};
