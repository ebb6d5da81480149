/** Reads a part's raw body with a byte cap, so an oversized part is refused without buffering all of it. */
import { AppError } from "../errors";
import { readCappedBody } from "../http";
import { MAX_PART_BYTES } from "./limits";

const ACCEPTED_TYPES = ["text/csv", "text/plain", "application/octet-stream"];

export async function readPartBody(request: Request): Promise<Uint8Array> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (!ACCEPTED_TYPES.includes(type)) {
    throw new AppError("VALIDATION", `Send parts as text/csv (got ${type || "no content type"}).`, { status: 415 });
  }
  const tooLarge = () => new AppError("PAYLOAD_TOO_LARGE", `Parts are limited to ${MAX_PART_BYTES / 1024 / 1024} MB; split the file into smaller parts.`);
  if (!request.body) throw new AppError("VALIDATION", "The part is empty.", { status: 400 });
  return readCappedBody(request, MAX_PART_BYTES, tooLarge);
}
