/** Injected everywhere time matters (retention, token expiry) so tests can move it. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
