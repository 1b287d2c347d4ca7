import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { MONGO_DB } from '@mi/eventstore';
import type { Collection, Db } from 'mongodb';
import type { SecretHash } from './token';

/**
 * One issued API token: the salted scrypt hash of its secret, never the secret. Tokens are
 * credentials, so they are plain documents in the gateway's own database and never events:
 * nothing about them reaches Kafka, where other teams read.
 */
export interface ApiTokenDocument extends SecretHash {
  /** The token id, also the first part of the secret: verification is a primary-key lookup. */
  _id: string;
  email: string;
  createdAt: Date;
  revokedAt: Date | null;
}

@Injectable()
export class ApiTokensRepository implements OnModuleInit {
  private readonly tokens: Collection<ApiTokenDocument>;

  constructor(@Inject(MONGO_DB) db: Db) {
    this.tokens = db.collection<ApiTokenDocument>('api_tokens');
  }

  /** Every replica asks for recent revocations every few seconds: that query must not scan. */
  async onModuleInit(): Promise<void> {
    await this.tokens.createIndex({ revokedAt: 1 });
  }

  async insert(token: ApiTokenDocument): Promise<void> {
    await this.tokens.insertOne(token);
  }

  async find(tokenId: string): Promise<ApiTokenDocument | null> {
    return this.tokens.findOne({ _id: tokenId });
  }

  /** Marks the token revoked; false when no such token exists. Revoking twice keeps the first time. */
  async revoke(tokenId: string, at: Date): Promise<boolean> {
    const result = await this.tokens.updateOne({ _id: tokenId, revokedAt: null }, { $set: { revokedAt: at } });
    if (result.matchedCount > 0) return true;
    return (await this.find(tokenId)) !== null;
  }

  /** Ids of the tokens revoked at or after `since` (a handful: revocations are rare). */
  async revokedSince(since: Date): Promise<string[]> {
    const revoked = await this.tokens.find({ revokedAt: { $gte: since } }, { projection: { _id: 1 } }).toArray();
    return revoked.map((token) => token._id);
  }
}
