/** Tags as small labels; nothing at all when there are none. */
export function TagList({ tags }: { tags: readonly string[] }) {
  if (tags.length === 0) {
    return (
      <span className="muted">
        <span aria-hidden="true">—</span>
        <span className="visually-hidden">No tags</span>
      </span>
    );
  }
  return (
    <ul className="tags" aria-label="Tags">
      {tags.map((tag) => (
        <li key={tag} className="tag">
          {tag}
        </li>
      ))}
    </ul>
  );
}
