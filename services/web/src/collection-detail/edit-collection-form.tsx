import { CollectionFields } from '../collections/collection-fields';
import { useState, type FormEvent } from 'react';
import { useApi } from '../api/api-context';
import { ApiError } from '../api/api-error';
import type { Mosaic } from '../api/rest-types';
import { parseTags, tagsText } from '../collections/tags-text';
import { ErrorText } from '../ui/error-text';

interface EditCollectionFormProps {
  mosaic: Mosaic;
  onSaved: (mosaic: Mosaic) => void;
  onCancel: () => void;
}

/** Rename and retag in one form; the tags sent replace the old ones (API.md's PUT). */
export function EditCollectionForm({ mosaic, onSaved, onCancel }: EditCollectionFormProps) {
  const client = useApi();
  const [name, setName] = useState(mosaic.name);
  const [tags, setTags] = useState(tagsText(mosaic.tags));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSaved(await client.updateMosaic(mosaic.id, { name: name.trim(), tags: parseTags(tags) }));
    } catch (caught) {
      if (caught instanceof ApiError) setError(caught);
      setBusy(false);
    }
  };

  return (
    <form className="card edit-collection" onSubmit={submit} aria-label="Edit name and tags">
      <div className="fields">
        <CollectionFields
          idPrefix="edit-collection"
          name={name}
          tags={tags}
          onName={setName}
          onTags={setTags}
          autoFocus
        />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy || !name.trim()}>
            {busy ? 'Saving…' : 'Save'}
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </div>
      <ErrorText error={error} />
    </form>
  );
}
