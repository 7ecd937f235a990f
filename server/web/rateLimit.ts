// A fixed-window counter per key, kept in memory. Used to stop scripts flooding a survey round
// while a kiosk tablet (one response a minute at most) never comes near the limit.
export interface RateLimiter {
  /** Counts one hit; true when the key is still within its limit. */
  hit(key: string, now?: number): boolean;
}

export function createRateLimiter(limit: number, windowMs: number): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    hit(key, now = Date.now()) {
      let w = windows.get(key);
      if (!w || now - w.start >= windowMs) {
        if (windows.size > 10_000) {
          for (const [k, v] of windows) if (now - v.start >= windowMs) windows.delete(k);
        }
        w = { start: now, count: 0 };
        windows.set(key, w);
      }
      w.count += 1;
      return w.count <= limit;
    },
  };
}
