import { MongoClient, type Document, type Filter } from 'mongodb';
import type { Platform } from './platform';

/** A commit of the event store (DESIGN.md §3): one document per command. */
export interface CommitDocument {
  _id: string;
  streamId: string;
  version: number;
  events: { type: string; data: any }[];
  published: boolean;
}

/**
 * Reads a platform's own databases the way the outbox-crash test does: to strike at a chosen
 * point of a saga (the moment a commit exists) and to tell what state the kill caught.
 */
export class CommitWatch {
  private readonly client: MongoClient;

  constructor(
    private readonly platform: Platform,
    mongoUrl: string,
  ) {
    this.client = new MongoClient(mongoUrl, { serverSelectionTimeoutMS: 5000 });
  }

  collection(service: string, name: string) {
    return this.client.db(this.platform.service(service).spec.env.MONGO_DATABASE).collection(name);
  }

  /**
   * The first commit of `service` holding an event of `type` whose data matches `data`, polled
   * every few milliseconds so a kill lands right after it; fails after `timeoutMs`.
   */
  async whenCommitted(service: string, type: string, data: Record<string, unknown>, timeoutMs = 20_000) {
    const found = () => this.collection(service, 'commits').findOne(eventFilter(type, data));
    return (await this.poll(found, `${service} commit of ${type}`, timeoutMs)) as unknown as CommitDocument;
  }

  /** How many commits of `service` hold an event of `type` matching `data`. */
  count(service: string, type: string, data: Record<string, unknown>) {
    return this.collection(service, 'commits').countDocuments(eventFilter(type, data));
  }

  async poll<T>(probe: () => Promise<T | null>, what: string, timeoutMs: number, intervalMs = 5): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = await probe();
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`${what}: not seen within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }

  close() {
    return this.client.close();
  }
}

/** Dot paths into `events`: FerretDB v1 has no `$elemMatch` on documents; one command's events share their owner. */
function eventFilter(type: string, data: Record<string, unknown>): Filter<Document> {
  return { 'events.type': type, ...Object.fromEntries(Object.entries(data).map(([k, v]) => [`events.data.${k}`, v])) };
}
