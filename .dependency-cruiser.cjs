/**
 * The architecture guide's import rules, enforced in `npm test`:
 * app → components → lib/<domain> → lib/{jobs,salesforce} → lib/*.ts, never the other way.
 */
const FRAMEWORK = "^(next|react|react-dom|next-auth|@prisma)(/|$)";

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "Cycles make load order fragile and layers meaningless.",
      from: { pathNot: "^lib/generated/" },
      // Type-only cycles vanish at compile time; runtime cycles are what break load order.
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
    {
      name: "lib-is-framework-free-of-the-app",
      severity: "error",
      comment: "lib/ is the core; it never reaches back into app/ or components/.",
      from: { path: "^lib/" },
      to: { path: "^(app|components)/" },
    },
    {
      name: "components-never-import-app",
      severity: "error",
      from: { path: "^components/" },
      to: { path: "^app/" },
    },
    {
      name: "components-use-actions-not-data",
      severity: "error",
      comment: "Components reach a domain through its schema.ts and actions.ts only.",
      from: { path: "^components/" },
      to: { path: ["^lib/[^/]+/(data|mutations)\\.ts$", "^lib/db\\.ts$", "^lib/generated/"] },
    },
    {
      name: "only-data-and-mutations-touch-prisma",
      severity: "error",
      comment: "Reads live in data.ts, writes in mutations.ts; everything else calls them.",
      from: {
        path: "^(lib|app|components)/",
        pathNot: ["^lib/[^/]+/(data|mutations)\\.ts$", "^lib/db\\.ts$", "^lib/generated/", "^lib/health/"],
      },
      to: { path: ["^lib/db\\.ts$", "^lib/generated/"] },
    },
    {
      name: "salesforce-client-is-pure",
      severity: "error",
      comment: "lib/salesforce is publishable alone: no app, database, emulator, auth or React.",
      from: { path: "^lib/salesforce/" },
      to: { path: ["^(app|components)/", "^lib/(?!salesforce/)", FRAMEWORK] },
    },
    {
      name: "emulator-stands-alone",
      severity: "error",
      comment: "The emulator is its own product: it imports nothing of the app, its database layer or the client.",
      from: { path: "^lib/emulator/" },
      to: { path: ["^(app|components)/", "^lib/(?!emulator/)", FRAMEWORK] },
    },
    {
      name: "scripts-do-not-import-app",
      severity: "error",
      from: { path: "^scripts/" },
      to: { path: "^(app|components)/" },
    },
    {
      name: "not-to-unresolvable",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: "no-dev-deps-in-production-code",
      severity: "error",
      comment: "The production server installs without devDependencies.",
      from: { path: "^(app|components|lib)/", pathNot: "\\.test\\.tsx?$" },
      to: { dependencyTypes: ["npm-dev"] },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: ["^lib/generated/", "^\\.next/", "^node_modules/"] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".mjs", ".js", ".json"],
    },
    moduleSystems: ["es6", "cjs"],
  },
};
