import { useEffect, useRef } from 'react';
import type { Mosaic } from '../api/rest-types';
import { formatBytes } from '../format/bytes';
import { formatDateTime } from '../format/dates';
import { MOSAIC_STATUS } from '../format/status-labels';
import { Link } from '../routing/navigation';
import type { SortKey, TableOrder } from './collection-order';
import { TagList } from './tag-list';

interface CollectionsTableProps {
  mosaics: Mosaic[];
  order: TableOrder;
  onSort: (key: SortKey) => void;
  selected: ReadonlySet<string>;
  onSelect: (ids: string[], selected: boolean) => void;
  onDelete: (mosaic: Mosaic) => void;
}

const COLUMNS: { key: SortKey; label: string; numeric?: boolean }[] = [
  { key: 'name', label: 'Name' },
  { key: 'tags', label: 'Tags' },
  { key: 'image_count', label: 'Images', numeric: true },
  { key: 'sizeInBytes', label: 'Size', numeric: true },
  { key: 'created_at', label: 'Created' },
  { key: 'status', label: 'Status' },
];

/** The collections, one row each; on a phone each row becomes a card (see styles.css). */
export function CollectionsTable({ mosaics, order, onSort, selected, onSelect, onDelete }: CollectionsTableProps) {
  const ids = mosaics.map((m) => m.id);
  const selectedHere = ids.filter((id) => selected.has(id)).length;
  return (
    <table className="collections">
      <caption className="visually-hidden">Your collections; column headers sort the table</caption>
      <thead>
        <tr>
          <th scope="col" className="select">
            <SelectAll
              all={selectedHere > 0 && selectedHere === ids.length}
              some={selectedHere > 0 && selectedHere < ids.length}
              onChange={(checked) => onSelect(ids, checked)}
            />
          </th>
          {COLUMNS.map((column) => (
            <th
              key={column.key}
              scope="col"
              className={column.numeric ? 'numeric' : undefined}
              aria-sort={order.key === column.key ? order.direction : undefined}
            >
              <button type="button" className="sort" onClick={() => onSort(column.key)}>
                {column.label}
                <span aria-hidden="true" className="sort-mark">
                  {order.key === column.key ? (order.direction === 'ascending' ? '▲' : '▼') : ''}
                </span>
              </button>
            </th>
          ))}
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {mosaics.map((mosaic) => (
          <tr key={mosaic.id} className={selected.has(mosaic.id) ? 'selected' : undefined}>
            <td className="select">
              <input
                type="checkbox"
                aria-label={`Select ${mosaic.name}`}
                checked={selected.has(mosaic.id)}
                onChange={(event) => onSelect([mosaic.id], event.target.checked)}
              />
            </td>
            <th scope="row" className="name">
              <Link to={{ page: 'collection', id: mosaic.id }}>{mosaic.name}</Link>
            </th>
            <td data-label="Tags">
              <TagList tags={mosaic.tags} />
            </td>
            <td data-label="Images" className="numeric">
              {mosaic.image_count}
            </td>
            <td data-label="Size" className="numeric">
              {formatBytes(mosaic.sizeInBytes)}
            </td>
            <td data-label="Created">
              <time dateTime={mosaic.created_at}>{formatDateTime(mosaic.created_at)}</time>
            </td>
            <td data-label="Status">
              <span className={`status status-${mosaic.status.toLowerCase()}`}>{MOSAIC_STATUS[mosaic.status]}</span>
            </td>
            <td className="actions">
              <button type="button" className="danger small" onClick={() => onDelete(mosaic)}>
                Delete<span className="visually-hidden"> {mosaic.name}</span>
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The header checkbox: checked, unchecked, or mixed when only some rows are selected. */
function SelectAll({ all, some, onChange }: { all: boolean; some: boolean; onChange: (checked: boolean) => void }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = some;
  }, [some]);
  return (
    <input
      ref={ref}
      type="checkbox"
      aria-label="Select all shown collections"
      checked={all}
      onChange={(event) => onChange(event.target.checked)}
    />
  );
}
