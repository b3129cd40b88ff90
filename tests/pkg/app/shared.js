// Helpers the test pages share: SHA-256 of bytes (compared with the CLI's output), fetching a
// data file as bytes, and reporting the outcome to the test.
export async function sha256(bytes) {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
export async function bytesOf(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}
export async function report(run) {
  try {
    window.result = await run();
  } catch (err) {
    window.failure = `${err?.name}: ${err?.message}\n${err?.stack ?? ''}`;
  }
}
