interface CollectionFieldsProps {
  /** Prefix of the inputs' ids: two forms may be on one page. */
  idPrefix: string;
  name: string;
  tags: string;
  onName: (name: string) => void;
  onTags: (tags: string) => void;
  autoFocus?: boolean;
}

/** A collection's name and comma-separated tags, as creating and editing one both ask for them. */
export function CollectionFields({ idPrefix, name, tags, onName, onTags, autoFocus }: CollectionFieldsProps) {
  return (
    <>
      <div className="field">
        <label htmlFor={`${idPrefix}-name`}>Name</label>
        <input
          id={`${idPrefix}-name`}
          required
          maxLength={255}
          autoFocus={autoFocus}
          value={name}
          onChange={(event) => onName(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-tags`}>Tags</label>
        <input
          id={`${idPrefix}-tags`}
          placeholder="crops, spring"
          aria-describedby={`${idPrefix}-tags-help`}
          value={tags}
          onChange={(event) => onTags(event.target.value)}
        />
        <span id={`${idPrefix}-tags-help`} className="help">
          Separated by commas
        </span>
      </div>
    </>
  );
}
