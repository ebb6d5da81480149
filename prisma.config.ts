import { defineConfig } from "prisma/config";

// `prisma generate` needs no database; migrate/studio use DATABASE_URL when it is set.
export default defineConfig({
  schema: "prisma/schema",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/bulk_console" },
});
