/**
 * The API token lives in sessionStorage: it survives a reload of the tab, and is gone when the
 * tab closes. Never in localStorage (it would outlive the session on a shared computer).
 */
const KEY = 'my-imagery.token';

export function storedToken(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function storeToken(token: string): void {
  sessionStorage.setItem(KEY, token);
}

export function forgetToken(): void {
  sessionStorage.removeItem(KEY);
}
