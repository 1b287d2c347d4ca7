import { useCallback, useMemo, useState } from 'react';
import { useApi } from '../api/api-context';
import type { Mosaic } from '../api/rest-types';
import { useLoaded } from '../api/use-loaded';
import { formatBytes } from '../format/bytes';
import { useNavigate } from '../routing/navigation';
import { useStorage } from '../storage/storage-context';
import { ErrorText } from '../ui/error-text';
import { DEFAULT_ORDER, filterCollections, nextOrder, sortCollections, type TableOrder } from './collection-order';
import { CollectionsTable } from './collections-table';
import { CreateCollectionForm } from './create-collection-form';
import { DeleteCollectionsDialog } from './delete-collections-dialog';
import { EmptyCollections } from './empty-collections';

/** All the user's collections: create, find, sort, select, delete one or several. */
export function CollectionsPage() {
  const client = useApi();
  const navigate = useNavigate();
  const storage = useStorage();
  const { refresh: refreshStorage } = storage;
  const load = useCallback(() => {
    refreshStorage();
    return client.listMosaics();
  }, [client, refreshStorage]);
  const { data: mosaics, error, loading, reload } = useLoaded(load);
  const [query, setQuery] = useState('');
  const [order, setOrder] = useState<TableOrder>(DEFAULT_ORDER);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [toDelete, setToDelete] = useState<Mosaic[] | null>(null);

  const shown = useMemo(() => sortCollections(filterCollections(mosaics ?? [], query), order), [mosaics, query, order]);
  // Only what is listed can be selected: a collection deleted elsewhere drops out of the selection.
  const chosen = (mosaics ?? []).filter((m) => selected.has(m.id));

  const select = (ids: string[], on: boolean) =>
    setSelected((previous) => {
      const next = new Set(previous);
      ids.forEach((id) => (on ? next.add(id) : next.delete(id)));
      return next;
    });

  const afterDelete = (deletedIds: string[]) => {
    setSelected((previous) => new Set([...previous].filter((id) => !deletedIds.includes(id))));
    reload();
    storage.refreshAfterChange();
  };

  return (
    <>
      <h1>Collections</h1>
      <CreateCollectionForm onCreated={(mosaic) => navigate({ page: 'collection', id: mosaic.id })} />
      <ErrorText error={error} />
      {mosaics && mosaics.length === 0 && <EmptyCollections />}
      {mosaics && mosaics.length > 0 && (
        <section aria-labelledby="your-collections">
          <h2 id="your-collections" className="visually-hidden">
            Your collections
          </h2>
          <div className="toolbar">
            <div className="field filter">
              <label htmlFor="collection-filter">Filter by name or tag</label>
              <input
                id="collection-filter"
                type="search"
                value={query}
                onChange={(event) => setQuery(event.target.value)}
              />
            </div>
            <p className="selection-summary" aria-live="polite">
              {chosen.length > 0
                ? `${chosen.length} selected · ${formatBytes(chosen.reduce((sum, m) => sum + m.sizeInBytes, 0))}`
                : `${shown.length} of ${mosaics.length} shown`}
            </p>
            <button type="button" className="danger" disabled={chosen.length === 0} onClick={() => setToDelete(chosen)}>
              Delete selected
            </button>
          </div>
          {shown.length === 0 ? (
            <p className="empty-filter">No collection matches “{query}”.</p>
          ) : (
            <CollectionsTable
              mosaics={shown}
              order={order}
              onSort={(key) => setOrder((current) => nextOrder(current, key))}
              selected={selected}
              onSelect={select}
              onDelete={(mosaic) => setToDelete([mosaic])}
            />
          )}
        </section>
      )}
      {loading && !mosaics && <p className="muted">Loading your collections…</p>}
      {toDelete && (
        <DeleteCollectionsDialog mosaics={toDelete} onClose={() => setToDelete(null)} onDeleted={afterDelete} />
      )}
    </>
  );
}
