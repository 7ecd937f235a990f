// Throttling of failed sign-ins, in memory only: client addresses are never written to the database.
//
// No hard lock: an anonymous attacker must not be able to shut a user out. Failures are counted per
// (account name, address) pair, per address and per account name; past a free allowance, the next
// attempt is refused until a delay after the last failure that doubles with every further failure,
// up to a cap. The per-account count (the looser, global one against guessing from many addresses)
// only holds back addresses that have themselves failed on that account, so the real user signing in
// from an address without failures is never held back by failures from elsewhere. Unknown names are
// counted exactly like known ones, so throttling does not reveal which accounts exist.
// The numbers are documented in docs/security.md.
import net from 'node:net';

export interface ThrottleRule {
  /** Failures allowed before any delay. */
  free: number;
  /** Delay after the first failure past the allowance; doubles with each further failure. */
  baseMs: number;
  capMs: number;
}

const MINUTE = 60 * 1000;
/** One address guessing one account. */
export const PAIR_RULE: ThrottleRule = { free: 5, baseMs: 30 * 1000, capMs: 15 * MINUTE };
/** One address guessing many accounts. */
export const ADDRESS_RULE: ThrottleRule = { free: 20, baseMs: 30 * 1000, capMs: 15 * MINUTE };
/** Many addresses guessing one account (applies only to addresses that failed on it). */
export const ACCOUNT_RULE: ThrottleRule = { free: 20, baseMs: 30 * 1000, capMs: 15 * MINUTE };
/** A counter with no failure for this long starts again from zero. */
export const FORGET_MS = 24 * 60 * MINUTE;
/** Bounded memory under a flood: the least recently failed entries are dropped first. */
const MAX_ENTRIES = 100_000;

interface Counter {
  count: number;
  last: number;
}

class Counters {
  private readonly map = new Map<string, Counter>();
  constructor(private readonly rule: ThrottleRule) {}

  count(key: string, now: number): number {
    const c = this.map.get(key);
    if (c && now - c.last > FORGET_MS) this.map.delete(key);
    return c && now - c.last <= FORGET_MS ? c.count : 0;
  }

  waitMs(key: string, now: number): number {
    const n = this.count(key, now);
    if (n < this.rule.free) return 0;
    const delay = Math.min(this.rule.capMs, this.rule.baseMs * 2 ** Math.min(n - this.rule.free, 30));
    return Math.max(0, this.map.get(key)!.last + delay - now);
  }

  fail(key: string, now: number): void {
    const count = this.count(key, now) + 1;
    this.map.delete(key); // re-inserted last: the map's order is least recently failed first
    this.map.set(key, { count, last: now });
    if (this.map.size > MAX_ENTRIES) this.map.delete(this.map.keys().next().value!);
  }

  /** Takes back one failure (an attempt counted up front that then succeeded). */
  undo(key: string): void {
    const c = this.map.get(key);
    if (c && c.count > 1) c.count -= 1;
    else this.map.delete(key);
  }

  clear(key: string): void {
    this.map.delete(key);
  }
}

/**
 * The key an address is counted under: IPv4 as it is (also when written as ::ffff:a.b.c.d), IPv6 by
 * its /64 network, since one IPv6 subscriber usually holds a whole /64 and could otherwise take a
 * fresh address for every guess.
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (net.isIPv6(address)) {
    const [head = '', tail = ''] = address.toLowerCase().split('%')[0]!.split('::');
    const left = head ? head.split(':') : [];
    const right = address.includes('::') ? (tail ? tail.split(':') : []) : [];
    const groups = address.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
    return `${groups
      .slice(0, 4)
      .map((g) => g.replace(/^0+(?=.)/, ''))
      .join(':')}::/64`;
  }
  return address;
}

export interface SignInThrottle {
  /** Milliseconds before this address may try this account name again; 0 when it may try now. */
  waitMs(name: string, address: string, now: number): number;
  /**
   * Counts an attempt as a failure before the password is checked, so that many requests sent at
   * once cannot all pass the check while the first ones are still being verified.
   */
  begin(name: string, address: string, now: number): void;
  /** The attempt succeeded: take it back, and clear the pair's earlier failures. */
  succeed(name: string, address: string): void;
}

export function createSignInThrottle(rules = { pair: PAIR_RULE, address: ADDRESS_RULE, account: ACCOUNT_RULE }): SignInThrottle {
  const pairs = new Counters(rules.pair);
  const addresses = new Counters(rules.address);
  const accounts = new Counters(rules.account);
  // Account names compare without case, as the users table does.
  const account = (name: string) => name.trim().toLowerCase();
  const pair = (name: string, address: string) => `${account(name)}\u0000${address}`;
  return {
    waitMs(name, ip, now) {
      const address = addressKey(ip);
      const pairFailures = pairs.count(pair(name, address), now);
      return Math.max(
        pairs.waitMs(pair(name, address), now),
        addresses.waitMs(address, now),
        pairFailures > 0 ? accounts.waitMs(account(name), now) : 0,
      );
    },
    begin(name, ip, now) {
      const address = addressKey(ip);
      pairs.fail(pair(name, address), now);
      addresses.fail(address, now);
      accounts.fail(account(name), now);
    },
    succeed(name, ip) {
      const address = addressKey(ip);
      pairs.clear(pair(name, address));
      addresses.undo(address);
      accounts.undo(account(name));
    },
  };
}

/** "Vänta 30 sekunder", or whole minutes for longer waits. */
export function waitText(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds <= 90) return `${seconds} sekunder`;
  return `${Math.ceil(seconds / 60)} minuter`;
}
