/**
 * A module loaded the first time it is needed instead of at boot.
 *
 * Why: both processes wire every context's adapters, but some heavy packages
 * only one role ever runs. The API registers the invoice renderer (pdfkit, with
 * fontkit and brotli), the image processor (sharp, with libvips) and the SMTP
 * sender (nodemailer) and never calls them — together ≈ 9 MB of heap, ≈ 25 MB of
 * RSS and ≈ 200 ms of start-up (issue 13, docs/performance.md). The worker pays
 * the same cost on its first job instead of at boot.
 *
 * A failed load is not remembered: the next call tries again.
 */
export function loadOnFirstUse<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
}
