'use client';

import { useEffect } from 'react';

/**
 * Several forms on one page save the same record (an action's progress and
 * its RAG override): after one saves, the page's refresh brings the record's
 * new version, and the others take it (`setVersion`), so that the next save
 * is not refused for a change the user has just made and can see.
 */
export function useSyncedVersion(version: number, setVersion: (version: number) => void) {
  useEffect(() => {
    setVersion(version);
    // Only a new version from the server should set it.
  }, [version]);
}
