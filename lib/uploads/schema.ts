import { z } from "zod";
import { AppError } from "../errors";
import { MAX_COLUMNS, MAX_PARTS, MAX_UPLOAD_BYTES } from "./limits";

const column = z
  .string()
  .trim()
  .min(1, "Column names cannot be empty.")
  .max(255, "Column names have at most 255 characters.")
  .refine((name) => !/[\p{Cc}\ufeff\ufffd]/u.test(name), "Column names cannot contain control characters, a byte-order mark or �; save the file as UTF-8 CSV.");

/**
 * Only the base name is kept: browsers send no directories, so a path is a script's, and it must never
 * reach a download name or a log as a path. Control characters would corrupt headers and logs.
 */
const fileName = z
  .string()
  .refine((name) => !/\p{Cc}/u.test(name), "File names cannot contain control characters (such as line breaks or tabs).")
  .transform((name) => name.split(/[\\/]/).pop()!.trim())
  .pipe(z.string().min(1, "Give the file a name, such as accounts.csv.").max(255, "File names have at most 255 characters."));

export const createUploadSchema = z.strictObject({
  fileName,
  columns: z
    .array(column, { error: "columns must be the header row: a list of column names." })
    .min(1, "The file needs a header row.")
    .max(MAX_COLUMNS, `At most ${MAX_COLUMNS.toLocaleString("en-US")} columns are accepted; Salesforce objects have fewer fields than that.`)
    .refine((cols) => new Set(cols.map((c) => c.toLowerCase())).size === cols.length, "Column names must be unique."),
  /** Declared size of the whole file, so a 2 GB file is refused before its first part. */
  byteSize: z
    .number({ error: "byteSize must be a number of bytes." })
    .int()
    .nonnegative()
    .max(MAX_UPLOAD_BYTES, `Files above ${MAX_UPLOAD_BYTES / 1024 / 1024} MB are not accepted; split the file.`)
    .optional(),
});
export type CreateUploadInput = z.infer<typeof createUploadSchema>;

export const completeUploadSchema = z.strictObject({
  partCount: z
    .number({ error: "partCount must be the number of parts sent, as a number." })
    .int()
    .min(1, "The file has no data rows: send at least one part under the header.")
    .max(MAX_PARTS, `At most ${MAX_PARTS} parts are accepted.`),
  rowCount: z.number({ error: "rowCount must be a number." }).int().min(1, "The file has no data rows.").optional(),
});
export type CompleteUploadInput = z.infer<typeof completeUploadSchema>;

/** The `{n}` of a part's URL: a plain integer 1..MAX_PARTS, refused in words otherwise. */
export function parsePartNumber(raw: string): number {
  if (!/^\d{1,3}$/.test(raw) || Number(raw) < 1 || Number(raw) > MAX_PARTS) {
    throw new AppError("VALIDATION", `Part numbers run from 1 to ${MAX_PARTS}; "${raw.slice(0, 20)}" is not one.`);
  }
  return Number(raw);
}
