import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env.mjs";
import { oauthProviders } from "@/lib/teams/auth-options";

describe("optional sign-in providers", () => {
  it("are off unless configured", () => {
    expect(oauthProviders(parseEnv({}))).toEqual([]);
  });

  it("switch on GitHub, Google and a generic OIDC provider from their variables", () => {
    const providers = oauthProviders(
      parseEnv({
        GITHUB_ID: "gh-id",
        GITHUB_SECRET: "gh-secret",
        GOOGLE_CLIENT_ID: "g-id",
        GOOGLE_CLIENT_SECRET: "g-secret",
        OIDC_ISSUER: "https://sso.example.com/realms/main",
        OIDC_CLIENT_ID: "o-id",
        OIDC_CLIENT_SECRET: "o-secret",
        OIDC_NAME: "Acme SSO",
      }),
    );
    expect(providers.map((p) => [p.id, p.name])).toEqual([
      ["github", "GitHub"],
      ["google", "Google"],
      ["oidc", "Acme SSO"],
    ]);
    const oidc = providers[2] as { wellKnown?: string; checks?: string[] };
    expect(oidc.wellKnown).toBe("https://sso.example.com/realms/main/.well-known/openid-configuration");
    expect(oidc.checks).toEqual(["pkce", "state"]);
  });
});
