// Failed sign-ins per client address, in memory only: addresses are never written to the database.
export const ADDRESS_MAX_FAILURES = 20;
const WINDOW_MS = 15 * 60 * 1000;

export interface AddressThrottle {
  locked(address: string, now: number): boolean;
  fail(address: string, now: number): void;
}

export function createAddressThrottle(max = ADDRESS_MAX_FAILURES, windowMs = WINDOW_MS): AddressThrottle {
  const failures = new Map<string, { first: number; count: number }>();
  const current = (address: string, now: number) => {
    const f = failures.get(address);
    if (f && now - f.first > windowMs) {
      failures.delete(address);
      return undefined;
    }
    return f;
  };
  return {
    locked: (address, now) => (current(address, now)?.count ?? 0) >= max,
    fail(address, now) {
      const f = current(address, now);
      if (f) f.count += 1;
      else {
        if (failures.size > 50_000) failures.clear(); // bounded memory under a flood
        failures.set(address, { first: now, count: 1 });
      }
    },
  };
}
