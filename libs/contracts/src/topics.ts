// Topic and consumer-group names are part of our public contract with other teams: they live
// here, never as strings inside services.
export const TOPICS = {
  identityEvents: 'identity.events',
  catalogEvents: 'catalog.events',
  ingestEvents: 'ingest.events',
  quotaEvents: 'quota.events',
  previewsEvents: 'previews.events',
  processingEvents: 'processing.events',
  processingTasks: 'processing.tasks',
  processingTaskResults: 'processing.task-results',
} as const;

export type TopicName = (typeof TOPICS)[keyof typeof TOPICS];

export const CONSUMER_GROUPS = {
  catalogMosaicsView: 'catalog.mosaics-view',
  /** Catalog turning validated images into accepted or rejected ones. */
  catalogAttachImages: 'catalog.attach-images',
  /** Ingest deleting the blobs of deleted and rejected images. */
  ingestBlobCleanup: 'ingest.blob-cleanup',
  /** Quota opening accounts and applying plans from identity.events. */
  quotaAccounts: 'quota.accounts',
  /** Quota releasing the reservations of uploads ingest rejected. */
  quotaUploadRejections: 'quota.upload-rejections',
  /** Quota committing, releasing and freeing storage from catalog.events. */
  quotaStorageLedger: 'quota.storage-ledger',
  /** Quota refreshing its accounts view from its own events (catches up after a crash). */
  quotaAccountsView: 'quota.accounts-view',
  /** Previews turning accepted images into render requests, and deletions into removals. */
  previewsRequests: 'previews.requests',
  /** Previews refreshing its view from its own events (catches up after a crash). */
  previewsView: 'previews.view',
  /** Catalog showing preview outcomes (status, bands shown) in its images view. */
  catalogPreviews: 'catalog.previews',
} as const;

export type ConsumerGroupName = (typeof CONSUMER_GROUPS)[keyof typeof CONSUMER_GROUPS];

/** One consumed topic, its group and the group's dead-letter topic, under a deployment's prefix. */
export function subscriptionOf(prefix: string, topic: TopicName, group: ConsumerGroupName): Subscription {
  const groupId = `${prefix}${group}`;
  return { topic: `${prefix}${topic}`, groupId, deadLetter: deadLetterTopicOf(groupId) };
}

/** What a consumer group reads, and where what it cannot handle goes. */
export interface Subscription {
  topic: string;
  groupId: string;
  deadLetter: string;
}

/** Every consumer group has its own dead-letter topic, so one team's poison stays theirs. */
export function deadLetterTopicOf(group: string): string {
  return `${group}.dead-letter`;
}
