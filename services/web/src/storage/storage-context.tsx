import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { useApi } from '../api/api-context';
import type { Memory } from '../api/rest-types';

interface Storage {
  memory: Memory | null;
  /** Reads the figures now (a screen that shows fresh data shows fresh storage with it). */
  refresh: () => void;
  /** Reads the figures again after an upload or a delete (see `FOLLOW_UPS_MS`). */
  refreshAfterChange: () => void;
}

const StorageContext = createContext<Storage>({
  memory: null,
  refresh: () => undefined,
  refreshAfterChange: () => undefined,
});

export function useStorage(): Storage {
  return useContext(StorageContext);
}

/**
 * Quota learns about accepted and deleted images from Kafka, typically within a second of the
 * answer the page got: so after a change the figures are read at once (reservations show there)
 * and a few more times while the event arrives.
 */
const FOLLOW_UPS_MS = [0, 700, 1500, 3000, 6000, 10_000, 15_000];
/** Also refreshed now and then, for changes made elsewhere (QGIS, another tab). */
const PERIOD_MS = 60_000;

export function StorageProvider({ children }: { children: ReactNode }) {
  const client = useApi();
  const [memory, setMemory] = useState<Memory | null>(null);
  const timers = useRef<number[]>([]);

  const read = useCallback(() => {
    client.memory().then(setMemory, () => undefined);
  }, [client]);

  useEffect(() => {
    read();
    const period = window.setInterval(read, PERIOD_MS);
    const pending = timers.current;
    return () => {
      window.clearInterval(period);
      pending.forEach((timer) => window.clearTimeout(timer));
    };
  }, [read]);

  const refreshAfterChange = useCallback(() => {
    // One array, changed in place, so the unmount cleanup above clears whatever is pending.
    timers.current.splice(0).forEach((timer) => window.clearTimeout(timer));
    timers.current.push(...FOLLOW_UPS_MS.map((delay) => window.setTimeout(read, delay)));
  }, [read]);

  return (
    <StorageContext.Provider value={{ memory, refresh: read, refreshAfterChange }}>{children}</StorageContext.Provider>
  );
}
