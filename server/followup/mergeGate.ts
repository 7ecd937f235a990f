// Per database: one import, undo or purge at a time in this process, and a gate that outcome
// readers wait at while an import is being written in chunks, so that no page or report shows a
// half-written import (outcomes/queries.ts, docs/import.md).
import type { Db } from '../db/database.js';
import { SerialQueue } from '../db/database.js';

const locks = new WeakMap<Db, SerialQueue>();
const gates = new WeakMap<Db, Promise<void>>();

/** Runs fn when no other import, undo or purge on this database is running in this process. */
export function withImportLock<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  let q = locks.get(db);
  if (!q) locks.set(db, (q = new SerialQueue()));
  return q.push(fn);
}

/** Closes the gate for readers until the returned function is called. */
export function closeGate(db: Db): () => void {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  gates.set(db, gate);
  return () => {
    if (gates.get(db) === gate) gates.delete(db);
    open();
  };
}

/** Resolves at once, or when the import being written has been completed or rolled back. */
export function gateOpen(db: Db): Promise<void> {
  return gates.get(db) ?? Promise.resolve();
}
