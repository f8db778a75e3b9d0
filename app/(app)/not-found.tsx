import Link from '@/components/link';

// Shown inside the signed-in layout (its header and `main`) when a page of
// this part calls notFound(): only the content, so the page has one header
// and one `main`. An address that matches nothing gets app/not-found.tsx.
export default function NotFound() {
  return (
    <>
      <h1>Page not found</h1>
      <p>If you typed the web address, check it is correct. If you pasted it, check you copied the entire address.</p>
      <p>
        <Link href="/">Go to the dashboard</Link>
      </p>
    </>
  );
}
