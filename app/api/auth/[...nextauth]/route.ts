import NextAuth from 'next-auth';
import type { NextRequest } from 'next/server';
import { authOptions } from '@/lib/auth/options';
import { throttledSignInResponse } from '@/lib/auth/throttle';

const handler = NextAuth(authOptions);

type Context = { params: Promise<{ nextauth: string[] }> };

export { handler as GET };

/**
 * next-auth's POST, with sign-in throttling in front of the credentials
 * callback: a throttled account or address gets HTTP 429 with Retry-After
 * before its password is even checked (lib/auth/throttle.ts).
 */
export async function POST(request: NextRequest, context: Context) {
  const { nextauth } = await context.params;
  if (nextauth?.[0] === 'callback' && nextauth[1] === 'credentials') {
    const refused = await throttledSignInResponse(request);
    if (refused) return refused;
  }
  return handler(request, context);
}
