import { CollectionPage } from './collection-detail/collection-page';
import { CollectionsPage } from './collections/collections-page';
import { Link, NavigationContext } from './routing/navigation';
import { useRoute } from './routing/use-route';
import { StorageBar } from './storage/storage-bar';

/** The signed-in frame: header, the current screen, and the storage bar at the bottom. */
export function AppShell({ onSignOut }: { onSignOut: () => void }) {
  const [route, navigate] = useRoute();
  return (
    <NavigationContext.Provider value={navigate}>
      <div className="shell">
        <header className="top-bar">
          <Link to={{ page: 'collections' }} className="brand">
            My imagery
          </Link>
          <button type="button" onClick={onSignOut}>
            Sign out
          </button>
        </header>
        <main className="content">
          {route.page === 'collection' ? <CollectionPage key={route.id} id={route.id} /> : <CollectionsPage />}
        </main>
        <StorageBar />
      </div>
    </NavigationContext.Provider>
  );
}
