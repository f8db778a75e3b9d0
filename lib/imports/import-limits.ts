// Limits of the spreadsheet importer. Pure constants (no Node APIs, no
// 'server-only'), so the upload form can state them and check the size first.

/** The largest file accepted: 10 MB, as for evidence files. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
export const MAX_IMPORT_BYTES_TEXT = '10 MB';

/** The most non-blank rows read from one sheet (or one CSV file). */
export const MAX_IMPORT_ROWS = 20_000;
export const MAX_IMPORT_ROWS_TEXT = '20,000';

/**
 * The most a workbook may expand to when unzipped (all its parts together):
 * a small file can unzip to gigabytes (a "zip bomb"), and the XLSX reader
 * holds every part in memory.
 */
export const MAX_INFLATED_BYTES = 100 * 1024 * 1024;
export const MAX_INFLATED_BYTES_TEXT = '100 MB';

/**
 * The most cells read from a file, all sheets together (each row counted to
 * its last non-blank cell): one stray value far to the right on every row
 * would otherwise make each row thousands of cells wide. Also checked on a
 * workbook's XML before it is loaded: the XLSX reader takes about 1 KB of
 * memory a cell. 20,000 rows of 50 columns fit.
 */
export const MAX_IMPORT_CELLS = 1_000_000;
export const MAX_IMPORT_CELLS_TEXT = '1,000,000';
