/** Upload limits: parts stay under Vercel's 4.5 MB body limit, files under what one job should carry. */
export const MAX_PART_BYTES = 4 * 1024 * 1024;
export const MAX_PARTS = 256;
export const MAX_UPLOAD_BYTES = MAX_PART_BYTES * MAX_PARTS;
export const MAX_COLUMNS = 5_000;
