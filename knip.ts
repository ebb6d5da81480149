import type { KnipConfig } from "knip";

const config: KnipConfig = {
  entry: [
    "scripts/*.{ts,mjs}",
    "bench/*.ts",
    "lib/emulator/cli.ts",
    "lib/salesforce/index.ts",
    "tests/**/*.{test,spec}.ts",
  ],
  project: ["app/**/*.{ts,tsx}", "components/**/*.tsx", "lib/**/*.{ts,mjs}", "scripts/**/*.{ts,mjs}", "tests/**/*.ts", "bench/**/*.ts"],
  ignore: ["lib/generated/**"],
  ignoreDependencies: [
    // Imported only by the generated Prisma client, which knip does not read.
    "@prisma/client",
    // Loaded by PostCSS from postcss.config.mjs and app/globals.css.
    "tailwindcss",
  ],
};

export default config;
