import { Parser } from '@asyncapi/parser';
import { buildAsyncApiDocument } from './asyncapi';
import { EVENT_DEFINITIONS } from './events/registry';

describe('AsyncAPI document', () => {
  const document = buildAsyncApiDocument('0.0.0-test');

  it('is a valid AsyncAPI 3 document according to the official parser', async () => {
    const { document: parsed, diagnostics } = await new Parser().parse(JSON.stringify(document));
    const errors = diagnostics.filter((d) => d.severity === 0);
    expect(errors.map((e) => `${e.path.join('.')}: ${e.message}`)).toEqual([]);
    expect(parsed).toBeDefined();
  });

  it('describes every event type and version on its topic', async () => {
    const { document: parsed } = await new Parser().parse(JSON.stringify(document));
    const names = parsed!
      .allMessages()
      .all()
      .map((m) => `${m.name()}`);
    for (const definition of EVENT_DEFINITIONS) {
      expect(names).toContain(definition.type);
      const channel = parsed!
        .channels()
        .all()
        .find((c) => c.address() === definition.topic);
      expect(
        channel
          ?.messages()
          .all()
          .map((m) => m.name()),
      ).toContain(definition.type);
    }
  });

  it('carries the envelope fields and the payload schema in each message', () => {
    const messages = (document.components as { messages: Record<string, { payload: any }> }).messages;
    const created = messages['catalog_MosaicCreated_v1'].payload;
    expect(created.required).toEqual(
      expect.arrayContaining(['eventId', 'type', 'schemaVersion', 'streamId', 'version', 'correlationId', 'data']),
    );
    expect(created.properties.data.required).toEqual(expect.arrayContaining(['mosaicId', 'ownerId', 'name']));
  });
});
