/**
 * next-auth v4 configuration. Sessions are JWTs (the credentials provider needs them), but a JWT only
 * names the user and their session version: roles and memberships are read from the database on
 * every request, and bumping the version ("sign out everywhere") invalidates every issued JWT.
 */
import type { NextAuthOptions, User } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import GoogleProvider from "next-auth/providers/google";
import type { OAuthConfig, Provider } from "next-auth/providers/index";
import { recordAuditEvent, metaFromHeaders } from "../audit";
import { getEnv, type Env } from "../env.mjs";
import { isAppError } from "../errors";
import { getUserByEmail, getUserById, getUserIdByAccount } from "./data";
import { createUserWithTeam, linkAccount } from "./mutations";
import { verifyCredentials } from "./sign-in";

interface AppUser extends User {
  sessionVersion?: number;
}

function headerReader(headers: Record<string, string | string[] | undefined> | undefined) {
  return {
    get(name: string) {
      const value = headers?.[name] ?? headers?.[name.toLowerCase()];
      return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
    },
  };
}

interface OidcProfile {
  sub: string;
  email?: string;
  name?: string;
}

/** Sign-in providers switched on by their environment variables (see README). */
export function oauthProviders(env: Env = getEnv()): Provider[] {
  const providers: Provider[] = [];
  if (env.GITHUB_ID && env.GITHUB_SECRET) providers.push(GitHubProvider({ clientId: env.GITHUB_ID, clientSecret: env.GITHUB_SECRET }));
  if (env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET) {
    providers.push(GoogleProvider({ clientId: env.GOOGLE_CLIENT_ID, clientSecret: env.GOOGLE_CLIENT_SECRET }));
  }
  if (env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET) {
    const oidc: OAuthConfig<OidcProfile> = {
      id: "oidc",
      name: env.OIDC_NAME,
      type: "oauth",
      wellKnown: `${env.OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      clientId: env.OIDC_CLIENT_ID,
      clientSecret: env.OIDC_CLIENT_SECRET,
      profile: (profile) => ({ id: profile.sub, email: profile.email ?? null, name: profile.name ?? null }),
    };
    providers.push(oidc);
  }
  return providers;
}

export function buildAuthOptions(): NextAuthOptions {
  return {
    secret: getEnv().NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: 7 * 24 * 60 * 60 },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, request) {
          try {
            const user = await verifyCredentials(credentials, metaFromHeaders(headerReader(request?.headers)));
            return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion } satisfies AppUser;
          } catch (error) {
            // The message reaches the sign-in form (next-auth passes it through as `error`).
            if (isAppError(error)) throw new Error(error.message);
            throw error;
          }
        },
      }),
      ...oauthProviders(),
    ],
    callbacks: {
      async signIn({ user, account }) {
        if (!account || account.provider === "credentials") return true;
        const linked = await getUserIdByAccount(account.provider, account.providerAccountId);
        const email = user.email?.trim().toLowerCase();
        if (linked) {
          await recordAuditEvent({ action: "auth.sign_in", actor: { id: linked, email: email ?? null }, details: { method: account.provider } });
          return true;
        }
        if (!email) return "/sign-in?error=OAuthNoEmail";
        // Never attach a provider identity to an existing account by email alone: that would let
        // whoever controls the provider account take over a password account.
        if (await getUserByEmail(email)) return "/sign-in?error=OAuthAccountNotLinked";
        const teamName = `${user.name || email.split("@")[0]}'s team`;
        const { userId, teamId } = await createUserWithTeam({ email, name: user.name ?? null, passwordHash: null, teamName });
        await linkAccount(userId, account.provider, account.providerAccountId);
        await recordAuditEvent({ action: "auth.sign_up", teamId, actor: { id: userId, email }, details: { method: account.provider } });
        return true;
      },
      async jwt({ token, user, account }) {
        if (user && account) {
          const userId =
            account.provider === "credentials" ? user.id : await getUserIdByAccount(account.provider, account.providerAccountId);
          const record = userId ? await getUserById(userId) : null;
          if (record) {
            token.uid = record.id;
            token.sv = record.sessionVersion;
            token.email = record.email;
          }
        }
        return token;
      },
      session({ session, token }) {
        return { ...session, user: { email: token.email ?? null, name: token.name ?? null }, uid: token.uid, sv: token.sv };
      },
    },
  };
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    sv?: number;
  }
}
