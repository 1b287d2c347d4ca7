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
        <div className="field">
          <label htmlFor="new-collection-name">Name</label>
          <input
            id="new-collection-name"
            required
            maxLength={255}
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="new-collection-tags">Tags</label>
          <input
            id="new-collection-tags"
            placeholder="crops, spring"
            aria-describedby="new-collection-tags-help"
            value={tags}
            onChange={(event) => setTags(event.target.value)}
          />
          <span id="new-collection-tags-help" className="help">
            Separated by commas
          </span>
        </div>
        <button type="submit" className="primary" disabled={busy || !name.trim()}>
          {busy ? 'Creating…' : 'Create collection'}
        </button>
      </div>
      <ErrorText error={error} />
    </form>
  );
}
