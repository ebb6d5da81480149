"use server";
/** Org connection server actions: each checks the caller's role in their current team itself. */
import { revalidatePath } from "next/cache";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { recordAuditEvent, currentRequestMeta } from "../audit";
import { requireMembership } from "../auth";
import { AppError } from "../errors";
import { formAction, formObject, type FormState } from "../teams/form-state";
import { getConnection } from "./data";
import { DEMO_ORG } from "./demo";
import { emulatorUrl, isEmulatorEnabled } from "./hosts";
import { appOrigin } from "../http";
import { OAUTH_CALLBACK_PATH, OAUTH_STATE_COOKIE, startOAuth } from "./oauth-flow";
import { connectionIdSchema, demoConnectSchema, passwordConnectSchema, startOAuthSchema } from "./schema";
import { connectWithPassword, disconnect, loginUrlFor, testConnection } from "./service";
import { reloginWithStoredCredentials } from "./session";

async function beginOAuth(input: Parameters<typeof startOAuth>[1] extends infer T ? Omit<T, "origin"> : never, ctx: Awaited<ReturnType<typeof requireMembership>>): Promise<never> {
  const origin = appOrigin(await headers());
  const { state, authorizeUrl } = await startOAuth(ctx, { ...input, origin });
  (await cookies()).set(OAUTH_STATE_COOKIE, state, {
    httpOnly: true,
    sameSite: "lax",
    secure: origin.startsWith("https:"),
    path: OAUTH_CALLBACK_PATH,
    maxAge: 600,
  });
  redirect(authorizeUrl);
}

export async function startOAuthAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return formAction(async () => {
    const ctx = await requireMembership("admin");
    const input = startOAuthSchema.parse(formObject(formData));
    const loginUrl = loginUrlFor(input);
    const isSandbox = input.environment === "sandbox" || new URL(loginUrl).hostname.endsWith(".sandbox.my.salesforce.com");
    return beginOAuth({ loginUrl, label: input.label, isSandbox, clientId: input.clientId, clientSecret: input.clientSecret }, ctx);
  });
}

export async function connectDemoAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return formAction(async () => {
    const ctx = await requireMembership("admin");
    if (!isEmulatorEnabled()) throw new AppError("NOT_FOUND", "The built-in demo org is switched off (EMULATOR=off).");
    const { user, flow } = demoConnectSchema.parse(formObject(formData));
    const sandbox = user === "sandbox";
    const label = sandbox ? "Demo org (sandbox)" : "Demo org";
    const username = sandbox ? DEMO_ORG.sandboxUsername : DEMO_ORG.username;
    if (flow === "oauth") {
      return beginOAuth({ loginUrl: emulatorUrl(), label, isSandbox: sandbox, loginHint: username }, ctx);
    }
    await connectWithPassword(
      ctx,
      {
        label,
        environment: sandbox ? "sandbox" : "production",
        customHost: "",
        username,
        password: DEMO_ORG.password,
        securityToken: DEMO_ORG.securityToken,
        loginUrl: emulatorUrl(),
        method: "demo",
      },
      await currentRequestMeta(),
    );
    revalidatePath("/orgs");
    redirect("/orgs?connected=1");
  });
}

export async function passwordConnectAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return formAction(async () => {
    const ctx = await requireMembership("admin");
    const input = passwordConnectSchema.parse(formObject(formData));
    await connectWithPassword(ctx, input, await currentRequestMeta());
    revalidatePath("/orgs");
    redirect("/orgs?connected=1");
  });
}

export async function testConnectionAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return formAction(async () => {
    const ctx = await requireMembership("member");
    const { connectionId } = connectionIdSchema.parse(formObject(formData));
    const result = await testConnection(ctx, connectionId, await currentRequestMeta());
    revalidatePath("/orgs");
    return { ok: result.ok, message: result.message };
  });
}

export async function reconnectAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return formAction(async () => {
    const ctx = await requireMembership("admin");
    const { connectionId } = connectionIdSchema.parse(formObject(formData));
    const connection = await getConnection(ctx.teamId, connectionId);
    if (!connection) throw new AppError("NOT_FOUND", "Org connection not found.");
    if (connection.method === "oauth") {
      return beginOAuth(
        { loginUrl: connection.loginUrl, label: connection.label, isSandbox: connection.isSandbox, connectionId, loginHint: connection.sfUsername ?? undefined },
        ctx,
      );
    }
    await reloginWithStoredCredentials(ctx.teamId, connectionId);
    await recordAuditEvent({
      action: "org.reconnected",
      teamId: ctx.teamId,
      actor: { id: ctx.user.id, email: ctx.user.email },
      target: { type: "org_connection", id: connectionId },
      details: { method: connection.method },
      meta: await currentRequestMeta(),
    });
    revalidatePath("/orgs");
    return { ok: true, message: "Reconnected." };
  });
}

export async function disconnectAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return formAction(async () => {
    const ctx = await requireMembership("admin");
    const { connectionId } = connectionIdSchema.parse(formObject(formData));
    const { revoked } = await disconnect(ctx, connectionId, await currentRequestMeta());
    revalidatePath("/orgs");
    redirect(revoked ? "/orgs?disconnected=1" : "/orgs?disconnected=unrevoked");
  });
}
