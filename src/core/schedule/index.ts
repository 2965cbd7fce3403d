export * from './settings';
export * from './schedule';
export { isWorkingTime, periodAt, periodAtOrAfter, type Period } from './hours';
export { isValidTimeZone, localTime, offsetAt, zonedTime, type LocalTime } from './time';
