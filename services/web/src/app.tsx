import { useCallback, useMemo, useState } from 'react';
import { ApiContext } from './api/api-context';
import { RestClient } from './api/rest-client';
import { AppShell } from './app-shell';
import { forgetToken, storedToken, storeToken } from './session/session-token';
import { SignInPage } from './session/sign-in-page';
import { StorageProvider } from './storage/storage-context';

/** Signed out: the sign-in page. Signed in: the collections, with the storage bar. */
export function App() {
  const [token, setToken] = useState(storedToken);
  const [notice, setNotice] = useState<string | null>(null);

  const signOut = useCallback((reason: string | null) => {
    forgetToken();
    setToken(null);
    setNotice(reason);
  }, []);

  const client = useMemo(
    () => (token ? new RestClient(token, () => signOut('Your token is no longer accepted. Sign in again.')) : null),
    [token, signOut],
  );

  if (!client) {
    return (
      <SignInPage
        notice={notice}
        onSignedIn={(accepted) => {
          storeToken(accepted);
          setNotice(null);
          setToken(accepted);
        }}
      />
    );
  }
  return (
    <ApiContext.Provider value={client}>
      <StorageProvider>
        <AppShell onSignOut={() => signOut('You are signed out.')} />
      </StorageProvider>
    </ApiContext.Provider>
  );
}
