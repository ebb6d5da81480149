import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../../lib/db";
import { isAppError, type AppError } from "../../../lib/errors";
import { getUpload, readUploadRows } from "../../../lib/uploads/data";
import { MAX_PART_BYTES } from "../../../lib/uploads/limits";
import { completeUpload, createUpload, putUploadPart } from "../../../lib/uploads/mutations";
import { readPartBody } from "../../../lib/uploads/request-body";
import { createUploadSchema } from "../../../lib/uploads/schema";
import { createTestDatabase, type TestDatabase } from "../../support/database";

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error("expected a failure");
}

describe("resumable CSV uploads", () => {
  let db: TestDatabase;
  let teamId: string;
  let otherTeamId: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    process.env.DATABASE_URL = db.url;
    const prisma = getDb();
    teamId = (await prisma.team.create({ data: { name: "A" } })).id;
    otherTeamId = (await prisma.team.create({ data: { name: "B" } })).id;
  });
  afterAll(async () => {
    await getDb().$disconnect();
    await db.drop();
  });

  const newUpload = (columns = ["Name", "Note"]) => createUpload(teamId, null, { fileName: "f.csv", columns });

  it("stores parts gzip-compressed, resumes after a dropped part and numbers rows across parts", async () => {
    const upload = await newUpload();
    const part1 = Buffer.from('\uFEFFa,"multi\nline"\r\nb,"say ""hi"""\r\n');
    const part2 = Buffer.from("c,=1+1\nd,\n");
    expect(await putUploadPart(teamId, upload.id, 2, part2)).toMatchObject({ rowCount: 2, stored: true });
    // The connection dropped after part 1 reached us; the client resends it: same answer, nothing doubled.
    const first = await putUploadPart(teamId, upload.id, 1, part1);
    const resent = await putUploadPart(teamId, upload.id, 1, part1);
    expect(first).toMatchObject({ rowCount: 2, stored: true });
    expect(resent).toMatchObject({ rowCount: 2, stored: false, checksum: first.checksum });
    const done = await completeUpload(teamId, upload.id, { partCount: 2, rowCount: 4 });
    expect(done).toMatchObject({ state: "complete", rowCount: 4, partCount: 2 });
    const rows = [];
    for await (const row of readUploadRows(upload.id)) rows.push(row);
    expect(rows).toEqual([
      { row: 1, values: ["a", "multi\nline"] },
      { row: 2, values: ["b", 'say "hi"'] },
      { row: 3, values: ["c", "=1+1"] },
      { row: 4, values: ["d", ""] },
    ]);
    const stored = await getDb().uploadPart.findFirstOrThrow({ where: { uploadId: upload.id, partNumber: 1 } });
    expect([...stored.data.subarray(0, 2)]).toEqual([0x1f, 0x8b]);
    // Completing twice is harmless; changing a complete upload is not allowed.
    expect((await completeUpload(teamId, upload.id, { partCount: 2 })).rowCount).toBe(4);
    expect((await failure(putUploadPart(teamId, upload.id, 1, Buffer.from("x,y\n")))).code).toBe("CONFLICT");
  });

  it("refuses missing parts, wrong counts and a checksum mismatch with clear messages", async () => {
    const upload = await newUpload();
    await putUploadPart(teamId, upload.id, 1, Buffer.from("a,b\n"));
    await putUploadPart(teamId, upload.id, 3, Buffer.from("e,f\n"));
    const missing = await failure(completeUpload(teamId, upload.id, { partCount: 3 }));
    expect([missing.status, missing.message]).toEqual([400, "Parts missing: 2. Send them, then complete again."]);
    await putUploadPart(teamId, upload.id, 2, Buffer.from("c,d\n"));
    expect((await failure(completeUpload(teamId, upload.id, { partCount: 3, rowCount: 5 }))).message).toMatch(/announced with 5 rows but the parts hold 3/);
    expect((await failure(completeUpload(teamId, upload.id, { partCount: 2 }))).message).toMatch(/beyond 2/);
    expect((await failure(putUploadPart(teamId, upload.id, 4, Buffer.from("g,h\n"), "00ff"))).message).toMatch(/checksum mismatch/);
  });

  it.each([
    ["ragged rows", "a,b\nc\n", /row 2: 1 fields where the header has 2/],
    ["unbalanced quotes", 'a,"b\nc,d\n', /unbalanced quotes/],
    ["binary data", "a,b\u0000\n", /binary data/],
    ["an empty part", "\n\n", /empty/],
  ])("refuses %s at the boundary", async (_name, body, message) => {
    const upload = await newUpload();
    const error = await failure(putUploadPart(teamId, upload.id, 1, Buffer.from(body)));
    expect([error.code, error.status]).toEqual(["VALIDATION", 400]);
    expect(error.message).toMatch(message);
  });

  it("refuses text that is not UTF-8", async () => {
    const upload = await newUpload();
    const latin1 = Buffer.from([0x61, 0x2c, 0xe9, 0x0a]);
    expect((await failure(putUploadPart(teamId, upload.id, 1, latin1))).message).toMatch(/not valid UTF-8/);
  });

  it("keeps other teams' uploads invisible", async () => {
    const upload = await newUpload();
    expect((await failure(putUploadPart(otherTeamId, upload.id, 1, Buffer.from("a,b\n")))).status).toBe(404);
    expect((await failure(completeUpload(otherTeamId, upload.id, { partCount: 1 }))).status).toBe(404);
    expect((await getUpload(upload.id))?.teamId).toBe(teamId);
  });

  it("refuses oversized parts, wrong content types and 2 GB files before storing anything", async () => {
    const request = (body: BodyInit, type = "text/csv", headers: Record<string, string> = {}) =>
      new Request("http://app/api/uploads/x/parts/1", { method: "PUT", body, headers: { "content-type": type, ...headers }, duplex: "half" } as RequestInit);
    expect((await failure(readPartBody(request("a,b\n", "multipart/form-data")))).status).toBe(415);
    expect((await failure(readPartBody(request("a,b\n", "text/csv", { "content-length": String(MAX_PART_BYTES + 1) })))).status).toBe(413);
    // No Content-Length (chunked): the cap applies while streaming.
    const big = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 5; i += 1) controller.enqueue(randomBytes(1024 * 1024));
        controller.close();
      },
    });
    expect((await failure(readPartBody(request(big)))).status).toBe(413);
    expect(Buffer.from(await readPartBody(request("a,b\n"))).toString()).toBe("a,b\n");
    const huge = createUploadSchema.safeParse({ fileName: "big.csv", columns: ["a"], byteSize: 2 * 1024 ** 3 });
    expect(huge.success).toBe(false);
    expect(huge.error?.issues[0].message).toMatch(/not accepted; split the file/);
    expect(createUploadSchema.safeParse({ fileName: "dup.csv", columns: ["a", "A"] }).success).toBe(false);
    expect(createUploadSchema.safeParse({ fileName: "none.csv", columns: [] }).error?.issues[0].message).toMatch(/header row/);
  });
});
