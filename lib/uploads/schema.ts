import { z } from "zod";
import { MAX_COLUMNS, MAX_PARTS, MAX_UPLOAD_BYTES } from "./limits";

const column = z.string().trim().min(1, "Column names cannot be empty.").max(255);

export const createUploadSchema = z.object({
  fileName: z.string().trim().min(1).max(255),
  columns: z
    .array(column)
    .min(1, "The file needs a header row.")
    .max(MAX_COLUMNS)
    .refine((cols) => new Set(cols.map((c) => c.toLowerCase())).size === cols.length, "Column names must be unique."),
  /** Declared size of the whole file, so a 2 GB file is refused before its first part. */
  byteSize: z
    .number()
    .int()
    .nonnegative()
    .max(MAX_UPLOAD_BYTES, `Files above ${MAX_UPLOAD_BYTES / 1024 / 1024} MB are not accepted; split the file.`)
    .optional(),
});
export type CreateUploadInput = z.infer<typeof createUploadSchema>;

export const completeUploadSchema = z.object({
  partCount: z.number().int().min(1).max(MAX_PARTS),
  rowCount: z.number().int().min(1, "The file has no data rows.").optional(),
});
export type CompleteUploadInput = z.infer<typeof completeUploadSchema>;

export const partNumberSchema = z.coerce.number().int().min(1).max(MAX_PARTS);
