/**
 * oidc-provider's storage for the development sign-in: in memory, and, with a state folder, also
 * written to store.json so sessions and refresh tokens survive an `npm start` restart (as they
 * would with a real provider). Tiny volumes, so a whole-file write per change is fine.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface Entry {
  payload: Record<string, unknown>;
  /** ms since epoch; null: no expiry. */
  expiresAt: number | null;
}

type Payload = Record<string, unknown>;

/** oidc-provider's adapter class (one instance per model name). */
export function createStore(stateDir: string | null) {
  const file = stateDir ? join(stateDir, 'store.json') : null;
  const entries = new Map<string, Entry>();
  if (file && existsSync(file)) {
    try {
      for (const [key, entry] of Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, Entry>)) entries.set(key, entry);
    } catch {
      // unreadable: start empty (everyone signs in again)
    }
  }
  const alive = (entry: Entry | undefined) => (entry && (entry.expiresAt === null || entry.expiresAt > Date.now()) ? entry : undefined);
  const save = () => {
    if (!file) return;
    for (const [key, entry] of entries) if (!alive(entry)) entries.delete(key);
    writeFileSync(`${file}.tmp`, JSON.stringify(Object.fromEntries(entries)), { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
  };

  const findWhere = (name: string, field: string, value: string) => {
    for (const [key, entry] of entries) {
      if (key.startsWith(`${name}:`) && alive(entry) && entry.payload[field] === value) return entry.payload;
    }
    return undefined;
  };

  return class {
    constructor(readonly name: string) {}
    key(id: string) {
      return `${this.name}:${id}`;
    }
    async upsert(id: string, payload: Payload, expiresIn?: number) {
      entries.set(this.key(id), { payload, expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : null });
      save();
    }
    async find(id: string) {
      return alive(entries.get(this.key(id)))?.payload;
    }
    async findByUid(uid: string) {
      return findWhere(this.name, 'uid', uid);
    }
    async findByUserCode(userCode: string) {
      return findWhere(this.name, 'userCode', userCode);
    }
    async consume(id: string) {
      const entry = entries.get(this.key(id));
      if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
      save();
    }
    async destroy(id: string) {
      entries.delete(this.key(id));
      save();
    }
    async revokeByGrantId(grantId: string) {
      for (const [key, entry] of entries) if (entry.payload.grantId === grantId) entries.delete(key);
      save();
    }
  };
}
