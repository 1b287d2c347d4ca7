/** How far before its last check a query reaches: `revokedAt` is another machine's clock. */
const CLOCK_SKEW_MARGIN_MS = 60_000;

/** Where revocations are read from: the ids of tokens revoked at or after a time. */
export interface RevocationSource {
  revokedSince(since: Date): Promise<string[]>;
}

/**
 * Revocations made by another replica's (or the admin CLI's) process reach this one through the
 * database: before answering from its cache, a replica asks for tokens revoked since its last
 * check, at most once per `everyMs`. One small indexed query per replica per interval, instead of
 * one per request, and no Kafka: nothing about tokens goes on the bus. A revoked token therefore
 * stops working everywhere within `everyMs` plus one query. Beyond the margin of clock skew, the
 * cache's own time to live still bounds it.
 */
export class RevocationWatch {
  private checkedAt: number;
  private pending: Promise<void> | null = null;

  constructor(
    private readonly source: RevocationSource,
    private readonly everyMs: number,
    private readonly onRevoked: (tokenId: string) => void,
    private readonly now: () => number = Date.now,
  ) {
    // A new process has nothing cached: what was revoked before it started cannot be served.
    this.checkedAt = now();
  }

  /**
   * Resolves once every revocation older than `everyMs` is applied. Rejects when the database
   * cannot tell: the cache is not trusted past the bound (fail closed), and the next call asks again.
   */
  async sync(): Promise<void> {
    if (this.now() - this.checkedAt < this.everyMs) return;
    this.pending ??= this.check().finally(() => (this.pending = null));
    return this.pending;
  }

  private async check(): Promise<void> {
    const startedAt = this.now();
    const revoked = await this.source.revokedSince(new Date(this.checkedAt - CLOCK_SKEW_MARGIN_MS));
    for (const tokenId of revoked) this.onRevoked(tokenId);
    this.checkedAt = startedAt;
  }
}
