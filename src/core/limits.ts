/**
 * The most rows one request generates. The app holds generated rows in its worker until they
 * are downloaded, so a tab's memory sets this bound; the CLI keeps the same default so a typo
 * such as `--rows 20000000` is refused rather than run for hours (`--max-rows` lifts it).
 */
export const MAX_GENERATED_ROWS = 2_000_000;
