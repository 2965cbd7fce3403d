/**
 * The device's own store (IndexedDB through idb). Schema changes are numbered migrations that
 * run in order inside the upgrade transaction, so any old version upgrades step by step.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import { signal } from '@preact/signals';
import type { GameId } from '../../core/games';
import type { Measured } from '../../core/play/correction';
import type { RunResult } from '../../core/play/run';

/** The stored record of one run: its result's stored fields (core/play/run.ts) plus when it was played. */
export interface StoredSession extends Pick<RunResult, 'game' | 'seed' | 'durationSeconds' | 'reps' | 'activeSeconds' | 'movementPoints' | 'hits' | 'holdSeconds'> {
  id: string;
  /** Epoch ms when play started. */
  startedAt: number;
  /** Local calendar date of the session, YYYY-MM-DD. */
  date: string;
  /** Set when the person corrected the break in History: when (epoch ms) and what the game measured (core/play/correction). */
  corrected?: { at: number; measured: Measured };
}

export interface PersonalBest {
  game: GameId;
  reps: number;
  movementPoints: number;
  sessionId: string;
  date: string;
}

/** A Privacy Pass token for one (team, day), finalized on this device; spent by the upload. */
export interface StoredToken {
  /** `team|day` */
  id: string;
  team: string;
  day: string;
  /** Serialized token, base64url. */
  token: string;
}

export type UploadState = 'queued' | 'sent' | 'failed' | 'expired';

/** One anonymous upload: queued until sent, then kept as the log of what left the device. */
export interface StoredUpload {
  /** `team|day` */
  id: string;
  team: string;
  day: string;
  /** The exact request body, byte for byte as sent (or to be sent). */
  body: string;
  /** Epoch ms from which it may be sent (a random moment after the day closed). */
  dueAt: number;
  /** Epoch ms after which the server no longer accepts it. */
  deadline: number;
  state: UploadState;
  attempts: number;
  /** Epoch ms of the last attempt, on this device only (never sent). */
  lastAttemptAt: number | null;
  /** HTTP status of the last answer; null when the request did not reach the server. */
  status: number | null;
  /** Error code of the last failure (the server's, or "offline", "endpoint-not-eea" …). */
  error: string | null;
}

export interface MicrobreakSchema extends DBSchema {
  sessions: { key: string; value: StoredSession; indexes: { 'by-date': string } };
  bests: { key: GameId; value: PersonalBest };
  settings: { key: string; value: unknown };
  tokens: { key: string; value: StoredToken };
  uploads: { key: string; value: StoredUpload; indexes: { 'by-day': string } };
}

export type Db = IDBPDatabase<MicrobreakSchema>;
type UpgradeTx = IDBPTransaction<MicrobreakSchema, StoreNames<MicrobreakSchema>[], 'versionchange'>;

export const DB_NAME = 'microbreak';

/** migrations[n] upgrades version n to n + 1. Append only; never edit a shipped step. */
const migrations: Array<(db: Db, tx: UpgradeTx) => void> = [
  (db) => {
    const sessions = db.createObjectStore('sessions', { keyPath: 'id' });
    sessions.createIndex('by-date', 'date');
    db.createObjectStore('bests', { keyPath: 'game' });
    db.createObjectStore('settings');
  },
  // Issue 6: Privacy Pass tokens and the anonymous upload queue/log.
  (db) => {
    db.createObjectStore('tokens', { keyPath: 'id' });
    db.createObjectStore('uploads', { keyPath: 'id' }).createIndex('by-day', 'day');
  },
];
export const DB_VERSION = migrations.length;

export type StorageErrorCode = 'quota' | 'blocked' | 'unavailable' | 'unknown';

export class StorageError extends Error {
  constructor(readonly code: StorageErrorCode, detail: string) {
    super(detail);
    this.name = 'StorageError';
  }
}

export function toStorageError(error: unknown): StorageError {
  if (error instanceof StorageError) return error;
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  const detail = error instanceof Error ? error.message : String(error);
  if (name === 'QuotaExceededError' || /quota/i.test(detail)) return new StorageError('quota', detail);
  if (name === 'InvalidStateError' || name === 'UnknownError') return new StorageError('unavailable', detail);
  return new StorageError('unknown', detail);
}

/** Something the user should know about the store (another tab blocks an upgrade, a newer tab needs this one to reload). */
export const storageNotice = signal<'blocked' | 'reload-needed' | null>(null);

let opening: Promise<Db> | null = null;

export function openStore(): Promise<Db> {
  opening ??= openDB<MicrobreakSchema>(DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion, newVersion, tx) {
      for (let v = oldVersion; v < (newVersion ?? DB_VERSION); v++) migrations[v](db, tx);
    },
    // An older tab holds the database open: our upgrade waits until it closes.
    blocked() {
      storageNotice.value = 'blocked';
    },
    // A newer version (another tab) wants to upgrade: let it, and ask this tab to reload.
    blocking() {
      void opening?.then((db) => db.close());
      opening = null;
      storageNotice.value = 'reload-needed';
    },
    terminated() {
      opening = null;
    },
  }).then(
    (db) => {
      if (storageNotice.value === 'blocked') storageNotice.value = null;
      return db;
    },
    (error: unknown) => {
      opening = null;
      throw toStorageError(error);
    },
  );
  return opening;
}

/** Closes the connection (erase, tests). */
export async function closeStore(): Promise<void> {
  const db = await opening?.catch(() => null);
  db?.close();
  opening = null;
}
