/** How many rows the preview lists in full (each problem is always listed, in its own table). */
export const PREVIEW_ROW_LIMIT = 500;
