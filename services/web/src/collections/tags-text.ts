/** Tags as people type them: comma-separated, spaces around ignored, empty and repeated ones dropped. */
export function parseTags(text: string): string[] {
  const tags = text
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);
  return [...new Set(tags)];
}

export function tagsText(tags: readonly string[]): string {
  return tags.join(', ');
}
