import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/api-error';
import { RestClient } from '../api/rest-client';
import { ErrorText } from '../ui/error-text';

interface SignInPageProps {
  /** Why the tab was signed out, when it was not the user's choice. */
  notice: string | null;
  onSignedIn: (token: string) => void;
}

/** Sign-in with an API token: checked against the API before the page opens. */
export function SignInPage({ notice, onSignedIn }: SignInPageProps) {
  const [token, setToken] = useState('');
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // People paste the whole header value from a script or curl line: keep only the token.
    const bare = token.trim().replace(/^(Basic|Bearer)\s+/i, '');
    if (!bare) return;
    setChecking(true);
    setError(null);
    try {
      await new RestClient(bare).memory();
      onSignedIn(bare);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, { code: 'NetworkError', parameters: {} }));
      setChecking(false);
    }
  };

  return (
    <main className="sign-in">
      <h1>My imagery</h1>
      <p>Your satellite and aerial images, in collections: preview, upload, delete, and see your storage.</p>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <form onSubmit={submit} className="card">
        <label htmlFor="token">API token</label>
        <input
          id="token"
          name="token"
          type="password"
          autoComplete="off"
          spellCheck={false}
          required
          value={token}
          onChange={(event) => setToken(event.target.value)}
          aria-describedby="token-help"
        />
        <p id="token-help" className="help">
          The token you use in QGIS or in scripts. It is kept for this tab only and forgotten when you close it.
        </p>
        <ErrorText error={error} />
        <button type="submit" className="primary" disabled={checking}>
          {checking ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
