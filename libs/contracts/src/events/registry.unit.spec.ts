import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { MosaicCreatedV1 } from './catalog.events';
import { defineEvent } from './event-definition';
import { InvalidEvent, UnknownEventType, createEventReader, readEnvelope } from './registry';

function anEnvelope(overrides: Record<string, unknown> = {}) {
  return {
    eventId: randomUUID(),
    type: 'catalog.MosaicCreated',
    schemaVersion: 1,
    streamId: 'm-1',
    streamType: 'Mosaic',
    version: 1,
    occurredAt: new Date(0).toISOString(),
    correlationId: 'c-1',
    causationId: null,
    actor: 'alice@example.com',
    data: { mosaicId: randomUUID(), ownerId: 'alice', name: 'Fields', tags: [], createdAt: new Date(0).toISOString() },
    ...overrides,
  };
}

describe('readEnvelope', () => {
  it('accepts a well-formed event and returns its payload', () => {
    const raw = anEnvelope();
    expect(readEnvelope(raw).data).toEqual(raw.data);
  });

  it('rejects a message that is not an envelope', () => {
    expect(() => readEnvelope({ hello: 'world' })).toThrow(InvalidEvent);
  });

  it('rejects an event whose payload breaks its schema', () => {
    expect(() => readEnvelope(anEnvelope({ data: { name: '' } }))).toThrow(InvalidEvent);
  });

  it('rejects an event type nobody defined', () => {
    expect(() => readEnvelope(anEnvelope({ type: 'catalog.NobodyKnows' }))).toThrow(UnknownEventType);
  });

  it('refuses a schema version newer than it knows', () => {
    expect(() => readEnvelope(anEnvelope({ schemaVersion: 2 }))).toThrow(InvalidEvent);
  });

  it('upcasts an older payload version through the registered upcaster', () => {
    // A pretend v2 that renamed "name" to "title": v1 events on the topic must still read.
    const MosaicCreatedV2 = defineEvent({
      ...MosaicCreatedV1,
      schemaVersion: 2,
      schema: MosaicCreatedV1.schema.omit({ name: true }).extend({ title: z.string() }),
    });
    const read = createEventReader(
      [MosaicCreatedV1, MosaicCreatedV2],
      [
        {
          type: 'catalog.MosaicCreated',
          fromVersion: 1,
          upcast: (data) => {
            const { name, ...rest } = data as { name: string };
            return { ...rest, title: name };
          },
        },
      ],
    );
    const v1 = anEnvelope();
    const upcast = read(v1);
    expect(upcast.schemaVersion).toBe(2);
    expect(upcast.data).toEqual({ ...v1.data, name: undefined, title: v1.data.name });
  });

  it('fails clearly when a retired version has no upcaster', () => {
    const MosaicCreatedV2 = defineEvent({ ...MosaicCreatedV1, schemaVersion: 2 });
    const read = createEventReader([MosaicCreatedV1, MosaicCreatedV2], []);
    expect(() => read(anEnvelope())).toThrow('no upcaster for catalog.MosaicCreated v1');
  });
});
