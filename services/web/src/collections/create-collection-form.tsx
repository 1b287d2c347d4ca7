import { CollectionFields } from './collection-fields';
import { useState, type FormEvent } from 'react';
import { useApi } from '../api/api-context';
import { ApiError } from '../api/api-error';
import type { Mosaic } from '../api/rest-types';
import { ErrorText } from '../ui/error-text';
import { parseTags } from './tags-text';

/** A new, empty collection: a name and optional tags; images are uploaded on its own screen. */
export function CreateCollectionForm({ onCreated }: { onCreated: (mosaic: Mosaic) => void }) {
  const client = useApi();
  const [name, setName] = useState('');
  const [tags, setTags] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const mosaic = await client.createMosaic({ name: name.trim(), tags: parseTags(tags) });
      setName('');
      setTags('');
      onCreated(mosaic);
    } catch (caught) {
      if (caught instanceof ApiError) setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card create-collection" onSubmit={submit} aria-labelledby="create-collection-title">
      <h2 id="create-collection-title">New collection</h2>
      <div className="fields">
        <CollectionFields idPrefix="new-collection" name={name} tags={tags} onName={setName} onTags={setTags} />
        <button type="submit" className="primary" disabled={busy || !name.trim()}>
          {busy ? 'Creating…' : 'Create collection'}
        </button>
      </div>
      <ErrorText error={error} />
    </form>
  );
}
