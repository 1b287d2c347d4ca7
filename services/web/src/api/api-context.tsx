import { createContext, useContext } from 'react';
import type { RestClient } from './rest-client';

export const ApiContext = createContext<RestClient | null>(null);

/** The signed-in client; only screens behind sign-in use it. */
export function useApi(): RestClient {
  const client = useContext(ApiContext);
  if (!client) throw new Error('useApi outside a signed-in screen');
  return client;
}
