"use client";
import { useState } from "react";
import { SubmitButton } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import { Card, Notice } from "@/components/ui/notice";
import { useActionForm } from "@/components/ui/use-action-form";
import { connectDemoAction, passwordConnectAction, startOAuthAction } from "@/lib/orgs/actions";

const ENVIRONMENTS = [
  { value: "production", label: "Production (login.salesforce.com)" },
  { value: "sandbox", label: "Sandbox (test.salesforce.com)" },
  { value: "custom", label: "My Domain (custom login host)" },
];

function LoginTarget({ prefix, errors }: { prefix: string; errors: Record<string, string> }) {
  const [environment, setEnvironment] = useState("production");
  return (
    <>
      <SelectField
        id={`${prefix}-environment`}
        label="Environment"
        name="environment"
        options={ENVIRONMENTS}
        value={environment}
        onChange={(event) => setEnvironment(event.target.value)}
        error={errors.environment}
      />
      {environment === "custom" ? (
        <Field id={`${prefix}-customHost`} label="Login host" name="customHost" placeholder="acme.my.salesforce.com" required error={errors.customHost ?? errors.loginHost} />
      ) : null}
    </>
  );
}

export function ConnectPanel({ emulatorEnabled, instanceClientConfigured }: { emulatorEnabled: boolean; instanceClientConfigured: boolean }) {
  const oauth = useActionForm(startOAuthAction);
  const password = useActionForm(passwordConnectAction);
  const demo = useActionForm(connectDemoAction);
  const [oauthState, passwordState, demoState] = [oauth.state, password.state, demo.state];
  const oauthErrors = oauthState.fieldErrors ?? {};
  const passwordErrors = passwordState.fieldErrors ?? {};
  return (
    <div className="grid items-start gap-6 lg:grid-cols-2">
      {emulatorEnabled ? (
        <Card title="Built-in demo org" description="A Salesforce org emulator that ships with Bulk Console: try everything without touching a real org.">
          <form onSubmit={demo.onSubmit} className="flex flex-wrap items-end gap-3">
            <SelectField
              id="demo-user"
              label="Demo user"
              name="user"
              options={[
                { value: "production", label: "Production user" },
                { value: "sandbox", label: "Sandbox user" },
              ]}
            />
            <SubmitButton name="flow" value="oauth" pending={demo.pending}>
              Connect demo org with OAuth
            </SubmitButton>
            <SubmitButton name="flow" value="instant" variant="secondary" pending={demo.pending}>
              Connect instantly
            </SubmitButton>
          </form>
          <p className="mt-3 text-xs text-slate-500">OAuth opens the demo org&apos;s consent page: log in as demo@bulk.example with password demo-password.</p>
          {demoState.message ? <div className="mt-3"><Notice tone="error">{demoState.message}</Notice></div> : null}
        </Card>
      ) : null}

      <Card title="Connect with OAuth" description="Recommended. You sign in at Salesforce; Bulk Console stores only an encrypted refresh token.">
        <form onSubmit={oauth.onSubmit} className="space-y-4" noValidate>
          <Field id="oauth-label" label="Connection name" name="label" placeholder="Production" required error={oauthErrors.label} />
          <LoginTarget prefix="oauth" errors={oauthErrors} />
          <details className="rounded-md border border-slate-200 px-3 py-2 text-sm" open={!instanceClientConfigured}>
            <summary className="cursor-pointer font-medium">Your own connected app (optional{instanceClientConfigured ? "" : ": none configured for this instance"})</summary>
            <div className="mt-3 space-y-3">
              <Field id="oauth-clientId" label="Consumer key (client id)" name="clientId" autoComplete="off" error={oauthErrors.clientId} />
              <Field id="oauth-clientSecret" label="Consumer secret" name="clientSecret" type="password" autoComplete="off" error={oauthErrors.clientSecret} />
            </div>
          </details>
          {oauthState.message && !Object.keys(oauthErrors).length ? <Notice tone="error">{oauthState.message}</Notice> : null}
          <SubmitButton pending={oauth.pending} pendingLabel="Opening Salesforce…">Continue to Salesforce</SubmitButton>
        </form>
      </Card>

      <Card
        title="Username, password and security token"
        description={
          <>
            <strong>Legacy — Salesforce retires this in 2027.</strong> It uses the SOAP login() call, which is unavailable from API 65.0,
            switched off by default in new orgs and retired in Summer &apos;27; it also means storing a password. Prefer OAuth.
          </>
        }
      >
        <form onSubmit={password.onSubmit} className="space-y-4" noValidate>
          <Field id="soap-label" label="Connection name" name="label" placeholder="Legacy production" required error={passwordErrors.label} />
          <LoginTarget prefix="soap" errors={passwordErrors} />
          <Field id="soap-username" label="Username" name="username" autoComplete="off" required error={passwordErrors.username} />
          <Field id="soap-password" label="Password" name="password" type="password" autoComplete="off" required error={passwordErrors.password} />
          <Field
            id="soap-securityToken"
            label="Security token"
            name="securityToken"
            autoComplete="off"
            hint="Leave empty when your IP address is trusted by the org."
            error={passwordErrors.securityToken}
          />
          {passwordState.message && !Object.keys(passwordErrors).length ? <Notice tone="error">{passwordState.message}</Notice> : null}
          <SubmitButton variant="secondary" pending={password.pending} pendingLabel="Logging in…">
            Connect with password
          </SubmitButton>
        </form>
      </Card>
    </div>
  );
}
