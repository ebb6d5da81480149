/** The built-in emulator's demo org: its users and OAuth client (see lib/emulator/README.md). */

export const DEMO_ORG = {
  username: process.env.EMULATOR_DEMO_USERNAME || "demo@bulk.example",
  sandboxUsername: "demo@bulk.example.sandbox",
  password: process.env.EMULATOR_DEMO_PASSWORD || "demo-password",
  securityToken: process.env.EMULATOR_DEMO_SECURITY_TOKEN || "DEMOTOKEN",
  oauthClientId: "bulk-console-demo",
  oauthClientSecret: "demo-secret",
} as const;
