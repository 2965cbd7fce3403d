/**
 * localStorage / sessionStorage that may be blocked or full (private mode, quota, policy): a read
 * that fails gives null and a write that fails is skipped, since everything kept there can be
 * chosen or fetched again. Even naming the storage can throw, so that happens inside the try.
 */
type Area = 'local' | 'session';

const area = (name: Area): Storage => (name === 'local' ? localStorage : sessionStorage);

export function readStored(key: string, from: Area = 'local'): string | null {
  try {
    return area(from).getItem(key);
  } catch {
    return null;
  }
}

/** The parsed JSON under `key`, unchecked (null when missing or broken): the caller checks its shape. */
export function readStoredJson(key: string, from: Area = 'local'): unknown {
  try {
    return JSON.parse(area(from).getItem(key) ?? 'null');
  } catch {
    return null;
  }
}

/** Stores `value` under `key` (null removes it); best effort. */
export function store(key: string, value: string | null, to: Area = 'local'): void {
  try {
    if (value === null) area(to).removeItem(key);
    else area(to).setItem(key, value);
  } catch {
    // not kept: it is chosen or fetched again next time
  }
}
