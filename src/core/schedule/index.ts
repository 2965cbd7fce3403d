export * from './settings';
export * from './schedule';
export { isWorkingTime, periodAt, periodAtOrAfter, type Period } from './hours';
export { isValidTimeZone, localTime, offsetAt, zonedTime, type LocalTime } from './time';
export { awayMs, PAGE_IDLE_THRESHOLD_MS, type AbsenceSignals } from './absence';
