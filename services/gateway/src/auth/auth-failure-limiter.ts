/**
 * Wrong tokens per client address per minute. Each wrong guess costs a deliberately slow hash
 * check, and a guesser would get a fresh rate-limit bucket per guessed token: past the limit an
 * address is refused before any check runs, until its minute is over.
 */
export class AuthFailureLimiter {
  private readonly failures = new Map<string, { count: number; since: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  isBlocked(address: string): boolean {
    const entry = this.current(address);
    return entry !== undefined && entry.count >= this.perMinute;
  }

  recordFailure(address: string): void {
    const entry = this.current(address) ?? { count: 0, since: this.now() };
    entry.count += 1;
    this.failures.set(address, entry);
    if (this.failures.size > 100_000) this.failures.delete(this.failures.keys().next().value!);
  }

  private current(address: string) {
    const entry = this.failures.get(address);
    if (entry && this.now() - entry.since >= 60_000) {
      this.failures.delete(address);
      return undefined;
    }
    return entry;
  }
}
