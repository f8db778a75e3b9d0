'use client';

import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';
import { keepSessionAlive, signOut } from '@/components/auth-requests';
import { IDLE_WARNING_MS, SESSION_IDLE_MS } from '@/lib/auth/session-limits';

type Stage = 'active' | 'warning' | 'signed out';

/**
 * Two minutes before the 30-minute idle sign-out, a dialog offers "Stay
 * signed in" (WCAG 2.2.1, timing adjustable); at 30 minutes it says the
 * session has ended, with a link to sign in again that comes back here.
 * Activity the server sees (a page, a form sent) restarts the count.
 */
export function IdleWarning() {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [stage, setStage] = useState<Stage>('active');
  const [lastActive, setLastActive] = useState(() => Date.now());
  const dialog = useRef<HTMLDialogElement>(null);
  const here = `${pathname}${searchParams.size ? `?${searchParams.toString()}` : ''}`;

  const restart = useCallback(() => {
    setLastActive(Date.now());
    setStage('active');
  }, []);

  // A navigation, or a form sent, reaches the server: the count restarts.
  useEffect(restart, [here, restart]);
  useEffect(() => {
    document.addEventListener('submit', restart, true);
    return () => document.removeEventListener('submit', restart, true);
  }, [restart]);

  useEffect(() => {
    if (stage === 'signed out') return;
    const warnAt = lastActive + SESSION_IDLE_MS - IDLE_WARNING_MS;
    const endAt = lastActive + SESSION_IDLE_MS;
    const timer = setTimeout(
      () => setStage(Date.now() >= endAt ? 'signed out' : 'warning'),
      Math.max(0, (stage === 'active' ? warnAt : endAt) - Date.now()),
    );
    return () => clearTimeout(timer);
  }, [lastActive, stage]);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (stage === 'active') {
      if (element.open) element.close();
    } else if (!element.open) {
      element.showModal(); // focus moves into the dialog
    }
  }, [stage]);

  async function stay() {
    if (await keepSessionAlive()) restart();
    else setStage('signed out');
  }

  return (
    <dialog ref={dialog} className="idle-dialog" aria-labelledby="idle-dialog-title" onCancel={(event) => stage === 'signed out' && event.preventDefault()}>
      {stage === 'signed out' ? (
        <>
          <h2 id="idle-dialog-title" className="idle-dialog__title">
            You have been signed out
          </h2>
          <p>Nothing was sent for 30 minutes, so your session ended to keep the records safe. Anything you had not saved is not kept.</p>
          <a className="button" href={`/login?callbackUrl=${encodeURIComponent(here)}`}>
            Sign in again
          </a>
        </>
      ) : (
        <>
          <h2 id="idle-dialog-title" className="idle-dialog__title">
            You will be signed out in 2 minutes
          </h2>
          <p>Nothing has been sent for 28 minutes. To keep the records safe, you are signed out after 30 minutes without activity.</p>
          <button type="button" className="button" onClick={stay}>
            Stay signed in
          </button>
          <button type="button" className="button button--secondary" onClick={() => signOut('/login')}>
            Sign out
          </button>
        </>
      )}
    </dialog>
  );
}
