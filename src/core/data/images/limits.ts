// How much an image upload may hold. A browser tab has a few GB at most, and every image is
// kept at up to 64 px on its shorter side while the working set is made from it.

export const IMAGE_LIMITS = {
  /** The largest zip read: checked on the file's size before anything is read from it. */
  zipBytes: 512_000_000,
  /** The most one file may take: a larger one is skipped (a photo is a few MB). */
  fileBytes: 64_000_000,
  /** The most a zip's entries may declare in all, before any is inflated. */
  totalBytes: 1_000_000_000,
  /** Deflate tops out near 1032 : 1, so an entry declaring more is lying about its size. */
  maxRatio: 1032,
  /** The most pixels one image may declare in its header; larger ones are skipped undecoded. */
  pixels: 50_000_000,
  images: 20_000,
  labels: 100,
  /** Fewer gives a model nothing to learn but copies, and the quality checks keep some aside. */
  minImages: 10,
  /** A label needs one image to learn from and one to keep aside and check against. */
  minPerLabel: 2,
  /** Kept pixels: the shorter side at most this (the largest working size)… */
  keepShort: 64,
  /** …and the longer side at most this, so a panorama cannot fill memory. */
  keepLong: 256,
} as const;
