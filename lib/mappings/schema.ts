import { z } from "zod";

const fieldName = z.string().trim().min(1).max(255);

/** The wizard's mapping as stored and as sent to POST /api/jobs (`columnMapping`). */
export const savedMappingBodySchema = z.object({
  columns: z.record(z.string().max(1000), fieldName).default({}),
  constants: z.record(fieldName, z.string().max(10_000)).default({}),
  dates: z
    .record(
      z.string().max(1000),
      z.object({ kind: z.enum(["date", "datetime"]), format: z.enum(["iso", "mdy", "dmy"]), timeZone: z.string().max(100).optional() }),
    )
    .default({}),
});
type SavedMappingBody = z.infer<typeof savedMappingBodySchema>;

export const objectNameSchema = z.string().trim().regex(/^[A-Za-z][A-Za-z0-9_]{0,79}$/, "Give an object API name, such as Account.");

export const saveMappingSchema = z.object({
  object: objectNameSchema,
  name: z.string().trim().min(1, "Give the mapping a name.").max(100, "Use at most 100 characters."),
  mapping: savedMappingBodySchema,
});
export type SaveMappingInput = z.infer<typeof saveMappingSchema>;

export interface SavedMappingJson {
  id: string;
  object: string;
  name: string;
  mapping: SavedMappingBody;
  createdBy: string | null;
  updatedAt: string;
}
