import NextLink from 'next/link';
import type { ComponentProps } from 'react';

/**
 * The app's link: next/link without prefetching. Every page here is rendered
 * per request for the signed-in user, so nothing prefetched can be reused from
 * a cache, yet each link in view cost the server a request: 12 to 20 per page
 * view, four to eight times the server time of the page itself (measured with
 * a browser on the demo data). A click still navigates without a full page
 * load. Use this, never next/link directly (a test checks).
 */
export default function Link(props: ComponentProps<typeof NextLink>) {
  return <NextLink prefetch={false} {...props} />;
}
