/**
 * Builds what the container runs: Next.js standalone output plus static assets, the bundled
 * migration step (`migrate.mjs`) and the migrations, all under `<build folder>/standalone/`.
 * The build folder is `.next`, or NEXT_DIST_DIR when set (the browser tests build into their own).
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const distDir = process.env.NEXT_DIST_DIR || ".next";
const dist = path.join(root, distDir);
const out = path.join(dist, "standalone");

// A standalone folder left by an earlier build may hold files this build no longer produces.
rmSync(out, { recursive: true, force: true });
const next = spawnSync(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, NEXT_OUTPUT: "standalone", NEXT_TELEMETRY_DISABLED: "1" },
});
if (next.status !== 0) process.exit(next.status ?? 1);
if (!existsSync(path.join(out, "server.js"))) {
  console.error(`next build wrote no ${path.relative(root, out)}/server.js: is NEXT_OUTPUT=standalone honoured by next.config.mjs?`);
  process.exit(1);
}

// server.js serves the build folder under its own name (distDir), relative to itself.
cpSync(path.join(dist, "static"), path.join(out, distDir, "static"), { recursive: true });
if (existsSync(path.join(root, "public"))) cpSync(path.join(root, "public"), path.join(out, "public"), { recursive: true });
cpSync(path.join(root, "prisma", "migrations"), path.join(out, "prisma", "migrations"), { recursive: true });

await build({
  entryPoints: [path.join(root, "scripts", "migrate-deploy.ts")],
  outfile: path.join(out, "migrate.mjs"),
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // pg is in the standalone node_modules already (the server uses it); bundle only our code.
  packages: "external",
  logLevel: "warning",
});
console.log(`Standalone server ready in ${path.relative(root, out)}: node migrate.mjs && node server.js`);
