/**
 * The most rows one request generates. The app holds generated rows in its worker until they
 * are downloaded, so a tab's memory sets this bound; the CLI keeps the same default so a typo
 * such as `--rows 20000000` is refused rather than run for hours (`--max-rows` lifts it).
 */
export const MAX_GENERATED_ROWS = 2_000_000;

/** The most images one download makes: they are held in the worker as float32 until zipped. */
export const MAX_GENERATED_IMAGES = 50_000;

/**
 * The most columns a table may have. Each column is fitted, encoded and drawn on screen, so a
 * 10,000-column table took 12 GB and minutes before failing; past this the load is refused
 * with a message naming the limit.
 */
export const MAX_COLUMNS = 1_000;

/**
 * The longest cell, in characters. A category is written out as the seed wrote it, so one
 * 10 MB cell became a 388 MB file of 200 rows; tables do not hold such cells.
 */
export const MAX_CELL_LENGTH = 10_000;

/** The most bytes the encoded training rows may take (rows × encoded width × 4). */
export const MAX_ENCODED_BYTES = 1_000_000_000;
