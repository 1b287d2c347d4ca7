/** What a new user sees instead of an empty table: what a collection is and how to start. */
export function EmptyCollections() {
  return (
    <section className="card empty-state" aria-labelledby="empty-title">
      <h2 id="empty-title">No collections yet</h2>
      <ol>
        <li>Create a collection above: give it a name, and tags if you like.</li>
        <li>Open it and upload your GeoTIFF images (.tif). You will see each file&apos;s progress.</li>
        <li>The first image sets the collection&apos;s CRS, band count and pixel size; later images must match.</li>
      </ol>
      <p className="muted">Collections you create in QGIS or with scripts show up here too.</p>
    </section>
  );
}
